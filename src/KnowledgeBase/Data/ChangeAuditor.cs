using System.Collections;
using System.Globalization;
using KnowledgeBase.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace KnowledgeBase.Data;

/// <summary>
/// Turns the change tracker's pending changes into <see cref="ChangeRecord"/>s. Captured before
/// saving (when original values are still known) and completed after (when new rows have ids).
/// </summary>
internal static class ChangeAuditor
{
    private const int MaxValueLength = 300;

    private static readonly HashSet<Type> Audited = [typeof(Claim), typeof(EvidenceLink), typeof(Tag), typeof(Source), typeof(Study), typeof(Trial), typeof(FlagDismissal)];

    // Bookkeeping fields that change with every save and say nothing to a reader.
    private static readonly HashSet<string> Ignored = [nameof(IVersioned.Version), nameof(Claim.UpdatedAt), nameof(Claim.CreatedAt), nameof(Source.ImportedAt), "Id",
        // Browsing facets are derived from fields that are recorded themselves.
        nameof(Study.CellSourceFacet), nameof(Study.RouteFacet), nameof(Study.EvidenceLevel), nameof(Study.PhaseFacet), nameof(Trial.StatusFacet), nameof(Study.FacetsVersion),
        nameof(Source.ClassificationVersion)];

    /// <summary>A change captured before the save, completed after it (when new rows have their ids).</summary>
    public sealed class Pending(EntityEntry entry, ChangeRecord record, Action<EntityEntry, ChangeRecord> complete)
    {
        public ChangeRecord Complete()
        {
            complete(entry, record);
            return record;
        }
    }

    public static List<Pending> Capture(ChangeTracker tracker, string actor, DateTime now)
    {
        var pending = new List<Pending>();
        foreach (var entry in tracker.Entries().ToList())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.Metadata.Name == "ClaimTags")
            {
                pending.Add(TagChange(tracker, entry, actor, now));
                continue;
            }
            if (!Audited.Contains(entry.Metadata.ClrType)) continue;

            var changes = entry.State switch
            {
                EntityState.Added => Values(entry, e => (null, Display(e.CurrentValue))),
                EntityState.Deleted => Values(entry, e => (Display(e.OriginalValue), null)),
                _ => Values(entry, e => e.IsModified ? (Display(e.OriginalValue), Display(e.CurrentValue)) : (null, null)),
            };
            if (changes.Count == 0) continue;
            var record = new ChangeRecord
            {
                At = now,
                Actor = actor,
                EntityType = entry.Metadata.ClrType.Name,
                Action = entry.State switch { EntityState.Added => "created", EntityState.Deleted => "deleted", _ => "updated" },
                Changes = changes,
            };
            var added = entry.State == EntityState.Added;
            pending.Add(new Pending(entry, record, (e, r) =>
            {
                (r.EntityId, r.ClaimId) = IdsOf(e);
                // A new row's foreign keys hold temporary values until it is saved: record the real ones.
                if (added) r.Changes = Values(e, p => (null, Display(p.CurrentValue)));
            }));
        }
        return pending;
    }

    private static List<FieldChange> Values(EntityEntry entry, Func<PropertyEntry, (string? Before, string? After)> select)
    {
        var changes = new List<FieldChange>();
        foreach (var property in entry.Properties)
        {
            if (!IsRecorded(property.Metadata)) continue;
            var (before, after) = select(property);
            if (before == after) continue;
            changes.Add(new FieldChange(property.Metadata.Name, before, after));
        }
        return changes;
    }

    private static bool IsRecorded(IProperty property) => !Ignored.Contains(property.Name) && !property.IsShadowProperty();

    /// <summary>
    /// The "created" record the auditor would write for a new row that was inserted without the change
    /// tracker (the importer's bulk path): the same fields, in the same order, displayed the same way.
    /// </summary>
    public static ChangeRecord Created(IEntityType type, object entity, int entityId, int? claimId, string actor, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(type);
        var recorded = RecordedProperties.GetValue(type, t => [.. t.GetProperties().Where(IsRecorded).Select(p => (p.Name, p.GetGetter()))]);
        var changes = new List<FieldChange>(recorded.Length);
        foreach (var (name, getter) in recorded)
        {
            var after = Display(getter.GetClrValue(entity));
            if (after is null) continue;
            changes.Add(new FieldChange(name, null, after));
        }
        return new ChangeRecord { At = now, Actor = actor, EntityType = type.ClrType.Name, EntityId = entityId, ClaimId = claimId, Action = "created", Changes = changes };
    }

    /// <summary>The recorded properties of each entity type, in model order (the bulk import asks for them at every row).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IEntityType, (string Name, IClrPropertyGetter Getter)[]> RecordedProperties = [];

    private static (int EntityId, int? ClaimId) IdsOf(EntityEntry entry) => entry.Entity switch
    {
        Claim c => (c.Id, c.Id),
        EvidenceLink l => (l.Id, l.ClaimId),
        FlagDismissal d => (d.Id, d.ClaimId),
        Source s => (s.Id, null),
        Study s => (s.Id, null),
        Trial t => (t.Id, null),
        Tag t => (t.Id, null),
        _ => (0, null),
    };

    private static Pending TagChange(ChangeTracker tracker, EntityEntry join, string actor, DateTime now)
    {
        var added = join.State == EntityState.Added;
        string TagName(EntityEntry e)
        {
            var tagId = (int)e.Property("TagsId").CurrentValue!;
            return tracker.Entries<Tag>().FirstOrDefault(t => t.Entity.Id == tagId)?.Entity.Name ?? $"#{tagId}";
        }
        var record = new ChangeRecord
        {
            At = now,
            Actor = actor,
            EntityType = nameof(Claim),
            Action = added ? "tag added" : "tag removed",
            // A removed tag is named now, while it is surely tracked; an added one after the save, when a new tag has its id.
            Changes = added ? [] : [new FieldChange("Tags", TagName(join), null)],
        };
        var claimId = (int)join.Property("ClaimsId").CurrentValue!;
        return new Pending(join, record, (e, r) =>
        {
            if (added)
            {
                claimId = (int)e.Property("ClaimsId").CurrentValue!;
                r.Changes = [new FieldChange("Tags", null, TagName(e))];
            }
            r.EntityId = claimId;
            r.ClaimId = claimId;
        });
    }

    internal static string? Display(object? value)
    {
        var text = value switch
        {
            null => null,
            string s => s,
            DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            IEnumerable e => string.Join("; ", e.Cast<object?>().Select(o => Convert.ToString(o, CultureInfo.InvariantCulture))),
            _ => value.ToString(),
        };
        if (string.IsNullOrEmpty(text)) return null;
        return text.Length <= MaxValueLength
            ? text
            : string.Create(CultureInfo.InvariantCulture, $"{text[..MaxValueLength]}… ({text.Length} characters)");
    }
}
