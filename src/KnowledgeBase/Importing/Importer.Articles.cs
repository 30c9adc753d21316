using KnowledgeBase.Browsing;
using KnowledgeBase.Domain;
using KnowledgeBase.Importing.Articles;
using KnowledgeBase.Linking;
using Microsoft.EntityFrameworkCore;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Importing;

/// <summary>Article files: new sources by prepared commands, a changed file's sources through the change tracker, their references and detected claims.</summary>
public sealed partial class Importer
{
    private async Task ImportArticlesAsync(string fileName, string text, IReadOnlyList<PreparedArticle> articles, FileImportResult result, bool replaceChangedSources, NewSourceRows rows, CancellationToken ct)
    {
        result.RecordsRead = articles.Count;
        rows.Enlist();
        if (!await rows.FileNameTakenAsync(fileName, ct))
        {
            await AddNewArticlesAsync(fileName, text, articles, result, rows, ct);
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // The file's stored sources, tracked with their claims, are loaded for the first article that is not stored as it is.
        List<Source>? existing = null;

        foreach (var (article, hash, detected, classification) in articles)
        {
            // Until then nothing is tracked and the database is as the file found it: an article stored already (every one,
            // when a folder is imported again) is looked up by its hash alone, as below (content hashes are unique).
            if (existing is null)
            {
                if (await rows.FileOfHashAsync(hash, ct) is { } storedFrom)
                {
                    result.SourcesUnchanged++;
                    if (storedFrom != fileName) result.Warnings.Add(AlreadyStoredWarning(article, storedFrom));
                    continue;
                }
                existing = await db.Sources.Include(s => s.References).Include(s => s.Claims).Include(s => s.TherapyKinds).Include(s => s.Conditions)
                    .Where(s => s.FileName == fileName).ToListAsync(ct);
            }

            // A file may repeat an article (found by the importer fuzzing): the repeat is the one already added, not a second source.
            var repeated = db.Sources.Local.FirstOrDefault(s => s.ContentHash == hash && db.Entry(s).State == EntityState.Added);
            if (repeated is not null)
            {
                result.SourcesUnchanged++;
                result.Warnings.Add(RepeatWarning(article, repeated.PartIndex));
                continue;
            }
            var sameText = existing.FirstOrDefault(s => s.ContentHash == hash)
                ?? await db.Sources.FirstOrDefaultAsync(s => s.ContentHash == hash, ct);
            if (sameText is not null)
            {
                result.SourcesUnchanged++;
                if (sameText.FileName != fileName) result.Warnings.Add(AlreadyStoredWarning(article, sameText.FileName));
                continue;
            }

            var source = existing.FirstOrDefault(s => s.PartIndex == article.PartIndex);
            if (source is not null && !replaceChangedSources)
                throw new ImportFormatException($"a different article from a file named {fileName} is already in the knowledge base (source {source.Id}); rename the file to add it as a new source, or replace the old one with the import command");
            if (source is null)
            {
                source = NewSource(fileName, article, hash, now);
                db.Sources.Add(source);
                result.SourcesAdded++;
            }
            else
            {
                source.UpdatedAt = now;
                db.SourceReferences.RemoveRange(source.References);
                source.References.Clear();
                result.SourcesUpdated++;
                var orphaned = source.Claims.Count(c => !ClaimAnchoring.Reanchor(c, article.CleanedText));
                result.Warnings.Add($"article {article.PartIndex + 1} (\"{article.Title}\") changed since its last import and was updated" +
                    (orphaned > 0 ? $"; {orphaned} claim(s) no longer found in the new text are kept as orphaned" : ""));
            }

            source.Title = article.Title;
            source.TitleOrigin = article.TitleOrigin;
            source.Publisher = article.Publisher;
            source.OriginalText = article.OriginalText;
            source.CleanedText = article.CleanedText;
            source.ContentHash = hash;
            // An editor's correction of the classification outlives a new version of the text.
            if (!source.ClassificationCorrected) source.Classify(classification.TherapyKinds, classification.Conditions, SourceClassifier.Version);
            foreach (var reference in article.References)
                source.References.Add(await ResolveAsync(reference, rows, ct));
            CheckFieldLimits(source, article, text);
            result.ClaimsDetected += AddDetectedClaims(source, detected, now);
        }
    }

    /// <summary>
    /// The fast path: no stored source came from this file name, so every article is either new or the
    /// same text as a stored one. New sources, their references, claims and history rows are written
    /// with prepared commands (<see cref="NewSourceRows"/>) instead of the change tracker; what is
    /// stored, reported and recorded is what the change-tracking path above stores for such a file.
    /// </summary>
    private async Task AddNewArticlesAsync(string fileName, string text, IReadOnlyList<PreparedArticle> articles, FileImportResult result, NewSourceRows rows, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var added = new Dictionary<string, int>(StringComparer.Ordinal);
        var sources = new List<Source>();
        // On PostgreSQL the file's lookups go to the server together; on SQLite (null) each is a prepared statement in-process.
        var lookups = await rows.LookUpAsync(articles, ct);
        for (var i = 0; i < articles.Count; i++)
        {
            var (article, hash, detected, classification) = articles[i];
            if (added.TryGetValue(hash, out var firstPart))
            {
                result.SourcesUnchanged++;
                result.Warnings.Add(RepeatWarning(article, firstPart));
                continue;
            }
            if ((lookups is null ? await rows.FileOfHashAsync(hash, ct) : lookups.FileOfHash(i)) is { } storedFrom)
            {
                result.SourcesUnchanged++;
                if (storedFrom != fileName) result.Warnings.Add(AlreadyStoredWarning(article, storedFrom));
                continue;
            }

            var source = NewSource(fileName, article, hash, now);
            source.Classify(classification.TherapyKinds, classification.Conditions, SourceClassifier.Version);
            for (var r = 0; r < article.References.Count; r++)
            {
                source.References.Add(lookups is null
                    ? await ResolveAsync(article.References[r], rows, ct)
                    : Resolve(article.References[r], lookups.StudyId(i, r), lookups.TrialId(i, r)));
            }
            CheckFieldLimits(source, article, text);
            result.ClaimsDetected += AddDetectedClaims(source, detected, now);
            added[hash] = article.PartIndex;
            sources.Add(source);
            result.SourcesAdded++;
        }

        // The history is stamped when it is written, as SaveChanges stamps it.
        var at = clock.GetUtcNow().UtcDateTime;
        await rows.InsertAsync(sources, db.Actor.Name, at, ct);
    }

    private static Source NewSource(string fileName, ParsedArticle article, string hash, DateTime now) => new()
    {
        Title = article.Title,
        TitleOrigin = article.TitleOrigin,
        Publisher = article.Publisher,
        OriginalText = article.OriginalText,
        CleanedText = article.CleanedText,
        ContentHash = hash,
        FileName = fileName,
        PartIndex = article.PartIndex,
        ImportedAt = now,
    };

    private static string RepeatWarning(ParsedArticle article, int firstPartIndex) =>
        $"article {article.PartIndex + 1} (\"{article.Title}\") repeats article {firstPartIndex + 1} of this file and was imported once";

    private static string AlreadyStoredWarning(ParsedArticle article, string storedFrom) =>
        $"article {article.PartIndex + 1} (\"{article.Title}\") is already in the knowledge base, imported from {storedFrom}";

    /// <summary>
    /// Refuses a value longer than its column (a publisher, a reference's address or DOI) with the importer's own
    /// error, naming the line where the value stands; on PostgreSQL the column would refuse it unnamed.
    /// </summary>
    private void CheckFieldLimits(Source source, ParsedArticle article, string text)
    {
        CheckFieldLimits(source, $"article {article.PartIndex + 1}", text);
        foreach (var reference in source.References) CheckFieldLimits(reference, $"reference {reference.Label}", text);
    }

    /// <summary>Adds the detector's candidates that do not overlap a claim the source already has.</summary>
    private static int AddDetectedClaims(Source source, IReadOnlyList<DetectedClaim> candidates, DateTime now)
    {
        var anchored = source.Claims.Where(c => !c.IsOrphaned).Select(c => new TextSpan(c.Start, c.End)).ToList();
        var added = 0;
        foreach (var detected in candidates)
        {
            var span = new TextSpan(detected.Start, detected.End);
            if (anchored.Any(span.Overlaps)) continue;
            var claim = Claim.Anchor(source.CleanedText, detected.Start, detected.End, now);
            claim.DetectionSignals = [.. detected.Signals];
            claim.Confidence = detected.Confidence;
            source.Claims.Add(claim);
            added++;
        }
        return added;
    }

    /// <summary>An article's reference, with the library study and trial its identifiers name (by the prepared lookups both article paths share).</summary>
    private static async Task<SourceReference> ResolveAsync(ParsedReference reference, NewSourceRows rows, CancellationToken ct) =>
        Resolve(reference, await rows.StudyIdAsync(reference.Pmid, reference.Doi, ct), await rows.TrialIdAsync(reference.NctId, ct));

    private static SourceReference Resolve(ParsedReference reference, int? studyId, int? trialId) => new()
    {
        Ordinal = reference.Ordinal,
        Label = reference.Label,
        Text = reference.Text,
        Url = reference.Url,
        Pmid = reference.Pmid,
        Doi = reference.Doi,
        NctId = reference.NctId,
        StudyId = studyId,
        TrialId = trialId,
    };
}
