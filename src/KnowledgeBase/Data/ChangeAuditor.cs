using System.Collections;
using System.Globalization;
using KnowledgeBase.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace KnowledgeBase.Data;

/// <summary>
/// Turns the change tracker's pending changes into <see cref="ChangeRecord"/>s. Captured before
/// saving (when original values are still known) and completed after (when new rows have ids).
/// </summary>
internal static class ChangeAuditor
{
    private const int MaxValueLength = 300;

    private static readonly HashSet<Type> Audited = [typeof(Claim), typeof(EvidenceLink), typeof(Tag), typeof(Source), typeof(Study), typeof(Trial)];

    // Bookkeeping fields that change with every save and say nothing to a reader.
    private static readonly HashSet<string> Ignored = [nameof(IVersioned.Version), nameof(Claim.UpdatedAt), nameof(Claim.CreatedAt), nameof(Source.ImportedAt), "Id"];

    public sealed class Pending(EntityEntry entry, ChangeRecord record, Func<EntityEntry, (int EntityId, int? ClaimId)> ids, bool added = false)
    {
        /// <summary>Called after the save: new rows now have their ids, and their foreign keys real values.</summary>
        public ChangeRecord Complete()
        {
            (record.EntityId, record.ClaimId) = ids(entry);
            if (added) record.Changes = Values(entry, e => (null, Display(e.CurrentValue)));
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
            pending.Add(new Pending(entry, record, IdsOf, added: entry.State == EntityState.Added));
        }
        return pending;
    }

    private static List<FieldChange> Values(EntityEntry entry, Func<PropertyEntry, (string? Before, string? After)> select)
    {
        var changes = new List<FieldChange>();
        foreach (var property in entry.Properties)
        {
            if (Ignored.Contains(property.Metadata.Name) || property.Metadata.IsShadowProperty()) continue;
            var (before, after) = select(property);
            if (before == after) continue;
            changes.Add(new FieldChange(property.Metadata.Name, before, after));
        }
        return changes;
    }

    private static (int EntityId, int? ClaimId) IdsOf(EntityEntry entry) => entry.Entity switch
    {
        Claim c => (c.Id, c.Id),
        EvidenceLink l => (l.Id, l.ClaimId),
        Source s => (s.Id, null),
        Study s => (s.Id, null),
        Trial t => (t.Id, null),
        Tag t => (t.Id, null),
        _ => (0, null),
    };

    private static Pending TagChange(ChangeTracker tracker, EntityEntry join, string actor, DateTime now)
    {
        var tagId = (int)join.Property("TagsId").CurrentValue!;
        var tagName = tracker.Entries<Tag>().FirstOrDefault(t => t.Entity.Id == tagId)?.Entity.Name ?? $"#{tagId}";
        var added = join.State == EntityState.Added;
        var record = new ChangeRecord
        {
            At = now,
            Actor = actor,
            EntityType = nameof(Claim),
            Action = added ? "tag added" : "tag removed",
            Changes = [new FieldChange("Tags", added ? null : tagName, added ? tagName : null)],
        };
        return new Pending(join, record, e =>
        {
            var claimId = (int)e.Property("ClaimsId").CurrentValue!;
            return (claimId, claimId);
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
