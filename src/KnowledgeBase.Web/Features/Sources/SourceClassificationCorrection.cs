using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Sources;

/// <summary>
/// An editor's correction of a source's therapy kinds and conditions: checked against the vocabulary, saved with a
/// change record, marked corrected (so that re-derivation leaves it alone), and refused when another editor saved first.
/// </summary>
public sealed class SourceClassificationCorrection(KnowledgeBaseDbContext db, TimeProvider clock)
{
    /// <summary>Saves the correction; returns what to tell the editor, or null when there is no such source.</summary>
    public async Task<string?> SaveAsync(int id, SourceClassificationForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var source = await db.Sources.Include(s => s.TherapyKinds).Include(s => s.Conditions).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (source is null) return null;

        var unknown = new List<string>();
        var kinds = SourceClassificationFacets.Parse(form.Kind, SourceTaxonomy.TherapyKinds, "therapy kind", unknown);
        var conditions = SourceClassificationFacets.Parse(form.Condition, SourceTaxonomy.Conditions, "condition", unknown);
        if (unknown.Count > 0) return $"Nothing saved: there is no {string.Join(", no ", unknown)}.";
        if (kinds.Count == 0) return "Nothing saved: choose at least one therapy kind (“Other therapy” when none fits).";

        var before = (Kinds: Names(source.TherapyKinds.Select(k => k.Slug), SourceTaxonomy.TherapyKinds), Conditions: Names(source.Conditions.Select(c => c.Slug), SourceTaxonomy.Conditions));
        source.Classify(kinds, conditions, Browsing.SourceClassifier.Version);
        source.ClassificationCorrected = true;
        // The source row itself is what carries the version: touch it so that two editors saving at once conflict.
        db.Entry(source).Property(s => s.ClassificationCorrected).IsModified = true;
        db.Entry(source).Property(s => s.Version).OriginalValue = form.Version;
        var after = (Kinds: Names(kinds, SourceTaxonomy.TherapyKinds), Conditions: Names(conditions, SourceTaxonomy.Conditions));
        db.ChangeRecords.Add(new ChangeRecord
        {
            At = clock.GetUtcNow().UtcDateTime,
            Actor = db.Actor.Name,
            EntityType = nameof(Source),
            EntityId = source.Id,
            Action = "classification corrected",
            Changes = [new FieldChange("Therapy kinds", before.Kinds, after.Kinds), new FieldChange("Conditions", before.Conditions, after.Conditions)],
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return "Nothing saved: another editor changed this source since you opened it. Here is the current classification.";
        }
        return "Classification saved.";
    }

    private static string Names(IEnumerable<string> slugs, IReadOnlyList<TaxonomyEntry> vocabulary)
    {
        var names = SourceClassificationFacets.Entries(slugs, vocabulary).Select(e => e.Name).ToList();
        return names.Count == 0 ? "none" : string.Join("; ", names);
    }
}
