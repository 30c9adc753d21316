using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Tags;

/// <summary>
/// The rules of the tag vocabulary, shared by editors' tagging and the admin screen: one tag per
/// name whatever its case or spacing; a name no tag has yet becomes a free tag; categories are
/// made by admins. Every save goes through the DbContext, so each change lands in the history.
/// </summary>
public sealed class TagVocabulary(KnowledgeBaseDbContext db, TimeProvider clock)
{
    /// <summary>A claim selection larger than this is refused: the list shows 50 claims a page.</summary>
    public const int MaxClaimsPerBulkTag = 500;

    /// <summary>Tags <paramref name="claimIds"/> with the tag named <paramref name="cleanName"/>, creating it as a free tag if needed.</summary>
    public async Task<TaggingResult> TagClaimsAsync(IReadOnlyCollection<int> claimIds, string cleanName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claimIds);
        try
        {
            return await TryTagClaimsAsync(claimIds, cleanName, ct);
        }
        catch (DbUpdateException)
        {
            // Another editor created the same new name a moment ago: the unique index refused the
            // second copy. Start again; this time the tag exists and is simply reused.
            db.ChangeTracker.Clear();
            return await TryTagClaimsAsync(claimIds, cleanName, ct);
        }
    }

    private async Task<TaggingResult> TryTagClaimsAsync(IReadOnlyCollection<int> claimIds, string cleanName, CancellationToken ct)
    {
        // One transaction, two saves: a new tag is saved first so that its id can select the
        // claims' existing links to it; the transaction keeps the whole tagging all-or-nothing.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var tag = await db.Tags.Named(cleanName).SingleOrDefaultAsync(ct);
        var created = tag is null;
        if (tag is null)
        {
            tag = new Tag
            {
                Name = cleanName,
                NormalizedName = Tag.Normalize(cleanName),
                Kind = TagKind.Free,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Tags.Add(tag);
            await db.SaveChangesAsync(ct);
        }

        var tagId = tag.Id;
        var claims = await db.Claims
            .Where(c => claimIds.Contains(c.Id))
            .Include(c => c.Tags.Where(t => t.Id == tagId))
            .ToListAsync(ct);
        if (claims.Count == 0)
        {
            // Nothing to tag: leave the transaction uncommitted, so no new tag stays behind.
            return new TaggingResult(tag.Id, tag.Name, CreatedTag: false, ClaimsFound: 0, NewlyTagged: 0);
        }

        var untagged = claims.Where(c => !c.Tags.Contains(tag)).ToList();
        foreach (var claim in untagged)
        {
            claim.Tags.Add(tag);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new TaggingResult(tag.Id, tag.Name, created, claims.Count, untagged.Count);
    }

    /// <summary>Takes the tag off the claim; false when the claim did not have it.</summary>
    public async Task<(bool Removed, string? TagName)> UntagAsync(int claimId, int tagId, CancellationToken ct)
    {
        var claim = await db.Claims.Include(c => c.Tags.Where(t => t.Id == tagId)).SingleAsync(c => c.Id == claimId, ct);
        var tag = claim.Tags.SingleOrDefault();
        if (tag is null) return (false, null);
        claim.Tags.Remove(tag);
        await db.SaveChangesAsync(ct);
        return (true, tag.Name);
    }

    /// <summary>Adds a category to the controlled vocabulary.</summary>
    public async Task<TagChangeResult> CreateCategoryAsync(string? name, string? description, CancellationToken ct)
    {
        var clean = TagQueries.CleanName(name);
        if (TagQueries.CheckName(clean) is { } problem) return TagChangeResult.Refused(problem);
        var existing = await db.Tags.AsNoTracking().Named(clean).Select(t => new { t.Id, t.Name, t.Kind }).SingleOrDefaultAsync(ct);
        if (existing is not null)
        {
            return TagChangeResult.Refused(existing.Kind == TagKind.Category
                ? $"The category “{existing.Name}” already exists (tag names ignore case)."
                : $"A free tag “{existing.Name}” already exists (tag names ignore case): open it and change its kind to category instead.");
        }
        var tag = new Tag
        {
            Name = clean,
            NormalizedName = Tag.Normalize(clean),
            Kind = TagKind.Category,
            Description = CleanDescription(description),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Tags.Add(tag);
        await db.SaveChangesAsync(ct);
        return TagChangeResult.Done($"Created the category “{tag.Name}”.", tag.Id);
    }

    /// <summary>
    /// Renames a tag, changes its kind or description. <paramref name="version"/> is the version the
    /// admin saw: if someone saved the tag since, nothing is written and the caller is told.
    /// </summary>
    public async Task<TagChangeResult> EditAsync(int tagId, int version, string? name, TagKind kind, string? description, CancellationToken ct)
    {
        var tag = await db.Tags.SingleOrDefaultAsync(t => t.Id == tagId, ct);
        if (tag is null) return TagChangeResult.Missing;
        var clean = TagQueries.CleanName(name);
        if (TagQueries.CheckName(clean) is { } problem) return TagChangeResult.Refused(problem, nameof(name));
        if (!Enum.IsDefined(kind)) return TagChangeResult.Refused("Choose category or free tag.", nameof(kind));
        if (tag.Version != version) return Conflict(tag);

        var clash = await db.Tags.AsNoTracking().Named(clean).Where(t => t.Id != tagId).Select(t => t.Name).FirstOrDefaultAsync(ct);
        if (clash is not null)
        {
            return TagChangeResult.Refused(
                $"There is already a tag “{clash}” (tag names ignore case). To combine the two, merge “{tag.Name}” into “{clash}” below.",
                nameof(name));
        }

        var oldName = tag.Name;
        tag.Name = clean;
        tag.NormalizedName = Tag.Normalize(clean);
        tag.Kind = kind;
        tag.Description = CleanDescription(description);
        db.Entry(tag).Property(t => t.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Tags.SingleOrDefaultAsync(t => t.Id == tagId, ct);
            return current is null ? TagChangeResult.Missing : Conflict(current);
        }
        return TagChangeResult.Done(oldName == tag.Name ? $"Saved the tag “{tag.Name}”." : $"Renamed “{oldName}” to “{tag.Name}”; its claims keep it.", tag.Id);
    }

    /// <summary>Gives every claim of tag <paramref name="fromId"/> the tag <paramref name="intoId"/>, then deletes the first.</summary>
    public async Task<TagChangeResult> MergeAsync(int fromId, int intoId, CancellationToken ct)
    {
        if (fromId == intoId) return TagChangeResult.Refused("Choose another tag to merge into: a tag cannot be merged into itself.");
        var tags = await db.Tags.Include(t => t.Claims).Where(t => t.Id == fromId || t.Id == intoId).ToListAsync(ct);
        var from = tags.SingleOrDefault(t => t.Id == fromId);
        if (from is null) return TagChangeResult.Missing;
        var into = tags.SingleOrDefault(t => t.Id == intoId);
        if (into is null) return TagChangeResult.Refused("The tag to merge into no longer exists; choose another.");

        foreach (var claim in from.Claims.Where(c => !into.Claims.Contains(c)).ToList())
        {
            into.Claims.Add(claim);
        }
        var total = from.Claims.Count;
        from.Claims.Clear();
        db.Tags.Remove(from);
        await db.SaveChangesAsync(ct);
        var claims = total == 1 ? "its claim now carries" : $"its {total} claims now carry";
        return TagChangeResult.Done(
            total == 0
                ? $"Merged “{from.Name}” into “{into.Name}” and deleted “{from.Name}” (it was on no claim)."
                : $"Merged “{from.Name}” into “{into.Name}”: {claims} “{into.Name}”, and “{from.Name}” is deleted.",
            into.Id);
    }

    /// <summary>Deletes a tag that no claim uses.</summary>
    public async Task<TagChangeResult> DeleteAsync(int tagId, CancellationToken ct)
    {
        var tag = await db.Tags.SingleOrDefaultAsync(t => t.Id == tagId, ct);
        if (tag is null) return TagChangeResult.Missing;
        var uses = await db.Claims.CountAsync(c => c.Tags.Any(t => t.Id == tagId), ct);
        if (uses > 0)
        {
            return TagChangeResult.Refused(uses == 1
                ? $"“{tag.Name}” is still on a claim: remove it there, or merge it into another tag."
                : $"“{tag.Name}” is still on {uses} claims: merge it into another tag instead, or remove it from them first.");
        }
        db.Tags.Remove(tag);
        await db.SaveChangesAsync(ct);
        return TagChangeResult.Done($"Deleted the tag “{tag.Name}”.");
    }

    private static TagChangeResult Conflict(Tag current) => TagChangeResult.Stale(
        $"Someone saved this tag after you opened it: it is now “{current.Name}” ({TagDisplay.KindLabel(current.Kind)}). " +
        "Your changes were not saved. Check the values below and save again to keep yours.",
        current.Version);

    private static string? CleanDescription(string? description)
    {
        var trimmed = description?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}

/// <summary>What a tagging did: the tag used, whether it was new, how many claims were found and how many were newly tagged.</summary>
public sealed record TaggingResult(int TagId, string TagName, bool CreatedTag, int ClaimsFound, int NewlyTagged);

/// <summary>The outcome of an admin change to the vocabulary: done, refused with a reason, stale (someone saved first), or the tag is gone.</summary>
public sealed record TagChangeResult(bool Succeeded, string Message, string? Field = null, int? TagId = null, int? CurrentVersion = null, bool NotFound = false)
{
    public static TagChangeResult Missing { get; } = new(false, "That tag no longer exists.", NotFound: true);

    public static TagChangeResult Done(string message, int? tagId = null) => new(true, message, TagId: tagId);

    public static TagChangeResult Refused(string message, string? field = null) => new(false, message, field);

    public static TagChangeResult Stale(string message, int currentVersion) => new(false, message, CurrentVersion: currentVersion);
}
