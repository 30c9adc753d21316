using System.Security.Cryptography;
using System.Text;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Retrieval;

/// <summary>Progress of an embedding fill: records done of those that needed it, and the rate.</summary>
public readonly record struct EmbeddingProgress(int Done, int Total, double RecordsPerSecond);

/// <summary>What a fill did.</summary>
public sealed record EmbeddingFillReport(int Embedded, int Unchanged, int Removed, TimeSpan Elapsed)
{
    public double RecordsPerSecond => Elapsed.TotalSeconds > 0 ? Embedded / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Keeps one embedding per study and trial in <see cref="KnowledgeBaseDbContext.RecordEmbeddings"/>: embeds the
/// records that have none, whose text changed, or that were embedded with another model, in batches (texts of
/// similar length together, so the model pads little), saving each batch; removes those of deleted records.
/// </summary>
public static class RecordEmbeddings
{
    public const int BatchSize = 8;
    private const int LoadChunk = 256;

    /// <summary>The text a study is embedded from: title and abstract, or without an abstract the title and the curated facts.</summary>
    public static string StudyText(string title, string? abstractText, params string?[] facts) =>
        !string.IsNullOrWhiteSpace(abstractText)
            ? title + "\n" + abstractText
            : Join(title, facts);

    /// <summary>The text a trial is embedded from: title, summary, conditions, interventions and primary outcomes (or the curated facts).</summary>
    public static string TrialText(string title, string? summary, IEnumerable<string> conditions, IEnumerable<string> interventions, IEnumerable<string> outcomes, params string?[] facts)
    {
        var lists = string.Join(". ", new[] { conditions, interventions, outcomes }.Select(l => string.Join("; ", l)).Where(l => l.Length > 0));
        return !string.IsNullOrWhiteSpace(summary)
            ? Join(title, [summary, lists])
            : Join(title, [lists, .. facts]);
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static byte[] ToBytes(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[vector.Length * 2];
        for (var i = 0; i < vector.Length; i++) BitConverter.TryWriteBytes(bytes.AsSpan(i * 2), (Half)vector[i]);
        return bytes;
    }

    public static float[] FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var vector = new float[bytes.Length / 2];
        for (var i = 0; i < vector.Length; i++) vector[i] = (float)BitConverter.ToHalf(bytes, i * 2);
        return vector;
    }

    /// <summary>Embeds every study and trial whose embedding is missing or stale; safe to run again (it resumes).</summary>
    public static async Task<EmbeddingFillReport> FillAsync(KnowledgeBaseDbContext db, ITextEmbedder embedder, IProgress<EmbeddingProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(embedder);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var stored = await db.RecordEmbeddings.AsNoTracking()
            .Select(e => new { e.Id, e.Kind, e.RecordId, e.Model, e.TextHash })
            .ToDictionaryAsync(e => (e.Kind, e.RecordId), ct);

        // First pass: which records need an embedding (texts are hashed and dropped, not held).
        var todo = new List<(EmbeddedRecordKind Kind, int Id)>();
        var seen = new HashSet<(EmbeddedRecordKind, int)>();
        await foreach (var (kind, id, text) in TextsAsync(db, null, ct))
        {
            seen.Add((kind, id));
            if (stored.TryGetValue((kind, id), out var e) && e.Model == embedder.Model && e.TextHash == Hash(text)) continue;
            todo.Add((kind, id));
        }

        var orphans = stored.Where(s => !seen.Contains(s.Key)).Select(s => s.Value.Id).ToList();
        foreach (var chunk in orphans.Chunk(500)) await db.RecordEmbeddings.Where(e => chunk.Contains(e.Id)).ExecuteDeleteAsync(ct);

        var done = 0;
        foreach (var chunk in todo.Chunk(LoadChunk))
        {
            var texts = new List<(EmbeddedRecordKind Kind, int Id, string Text)>();
            await foreach (var t in TextsAsync(db, chunk, ct)) texts.Add(t);
            foreach (var batch in texts.OrderBy(t => t.Text.Length).Chunk(BatchSize))
            {
                var vectors = embedder.EmbedPassages(batch.Select(b => b.Text).ToList(), ct);
                var now = DateTime.UtcNow;
                for (var i = 0; i < batch.Length; i++)
                {
                    var (kind, id, text) = batch[i];
                    var row = await db.RecordEmbeddings.SingleOrDefaultAsync(e => e.Kind == kind && e.RecordId == id, ct);
                    if (row is null)
                    {
                        db.RecordEmbeddings.Add(new RecordEmbedding { Kind = kind, RecordId = id, Model = embedder.Model, TextHash = Hash(text), Vector = ToBytes(vectors[i]), ComputedAt = now });
                    }
                    else
                    {
                        row.Model = embedder.Model;
                        row.TextHash = Hash(text);
                        row.Vector = ToBytes(vectors[i]);
                        row.ComputedAt = now;
                    }
                }

                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                done += batch.Length;
                progress?.Report(new EmbeddingProgress(done, todo.Count, done / Math.Max(clock.Elapsed.TotalSeconds, 0.001)));
            }
        }

        return new EmbeddingFillReport(todo.Count, seen.Count - todo.Count, orphans.Count, clock.Elapsed);
    }

    /// <summary>The embedded text of every study and trial, or of the given ones; streamed, only the columns it needs.</summary>
    public static async IAsyncEnumerable<(EmbeddedRecordKind Kind, int Id, string Text)> TextsAsync(
        KnowledgeBaseDbContext db, IReadOnlyCollection<(EmbeddedRecordKind Kind, int Id)>? only,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var studyIds = only?.Where(o => o.Kind == EmbeddedRecordKind.Study).Select(o => o.Id).ToList();
        var trialIds = only?.Where(o => o.Kind == EmbeddedRecordKind.Trial).Select(o => o.Id).ToList();
        if (studyIds is null || studyIds.Count > 0)
        {
            var studies = db.Studies.AsNoTracking();
            if (studyIds is not null) studies = studies.Where(s => studyIds.Contains(s.Id));
            var rows = studies.OrderBy(s => s.Id).Select(s => new { s.Id, s.Title, s.Abstract, s.Design, s.CellType, s.Route, s.MainResults });
            await foreach (var s in rows.AsAsyncEnumerable().WithCancellation(ct))
                yield return (EmbeddedRecordKind.Study, s.Id, StudyText(s.Title, s.Abstract, s.Design, s.CellType, s.Route, s.MainResults));
        }

        if (trialIds is null || trialIds.Count > 0)
        {
            var trials = db.Trials.AsNoTracking();
            if (trialIds is not null) trials = trials.Where(t => trialIds.Contains(t.Id));
            var rows = trials.OrderBy(t => t.Id).Select(t => new { t.Id, t.NctId, t.Title, t.Summary, t.Conditions, t.Interventions, t.PrimaryOutcomes, t.Design, t.Intervention });
            await foreach (var t in rows.AsAsyncEnumerable().WithCancellation(ct))
                yield return (EmbeddedRecordKind.Trial, t.Id, TrialText(t.Title ?? t.NctId, t.Summary, t.Conditions, t.Interventions, t.PrimaryOutcomes, t.Design, t.Intervention));
        }
    }

    private static string Join(string title, IEnumerable<string?> parts)
    {
        var rest = string.Join(". ", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
        return rest.Length == 0 ? title : title + "\n" + rest;
    }
}
