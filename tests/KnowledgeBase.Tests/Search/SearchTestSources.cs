using KnowledgeBase.Data;
using KnowledgeBase.Domain;

namespace KnowledgeBase.Tests.Search;

/// <summary>Sources written straight to the store for search tests (the search triggers index them on save).</summary>
internal static class SearchTestSources
{
    public static async Task<Source> AddSourceAsync(KnowledgeBaseDbContext db, string title, string text)
    {
        var source = new Source
        {
            Title = title,
            OriginalText = text,
            CleanedText = text,
            ContentHash = Guid.NewGuid().ToString("N"),
            FileName = Guid.NewGuid().ToString("N") + ".txt",
            ImportedAt = DateTime.UtcNow,
        };
        db.Sources.Add(source);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return source;
    }
}
