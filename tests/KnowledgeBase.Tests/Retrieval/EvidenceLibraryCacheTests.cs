using KnowledgeBase.Retrieval;
using KnowledgeBase.Linking;
using KnowledgeBase.Web.Features.Claims;

namespace KnowledgeBase.Tests.Retrieval;

/// <summary>
/// The library cache reads the full stamps (aggregates over every record) only when the cheap gate moved or the
/// last full check is older than <see cref="EvidenceLibraryCache.RecheckAfter"/>, and rebuilds only when a stamp changed.
/// </summary>
public sealed class EvidenceLibraryCacheTests : IDisposable
{
    private static readonly LibraryStamp Library1 = new(10, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), 5, null, 2);
    private static readonly VectorStamp Vectors1 = new(15, new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc));

    private readonly ManualClock _clock = new();
    private readonly EvidenceLibraryCache _cache;
    private (LibraryStamp, VectorStamp) _stamps = (Library1, Vectors1);
    private int _stampReads;
    private int _builds;
    private int _vectorAdds;

    public EvidenceLibraryCacheTests() => _cache = new EvidenceLibraryCache(_clock);

    public void Dispose() => _cache.Dispose();

    private Task<EvidenceLibrary> GetAsync(LibraryGate gate) => _cache.GetAsync(gate,
        _ => { _stampReads++; return Task.FromResult(_stamps); },
        _ => { _builds++; return Task.FromResult(LibraryOfThree()); },
        (library, _, _) => { _vectorAdds++; library.Vectors.Set(_vectorAdds - 1, [1f, 0f, 0f, 0f]); return Task.CompletedTask; },
        CancellationToken.None);

    [Fact]
    public async Task While_the_gate_stands_the_stamps_are_not_read_again()
    {
        var first = await GetAsync(new LibraryGate(7, 15));
        _clock.Advance(TimeSpan.FromSeconds(5));
        var second = await GetAsync(new LibraryGate(7, 15));

        second.Should().BeSameAs(first);
        _stampReads.Should().Be(1);
        _builds.Should().Be(1);
    }

    [Fact]
    public async Task A_moved_gate_reads_the_stamps_and_keeps_the_library_when_they_did_not_change()
    {
        var first = await GetAsync(new LibraryGate(7, 15));
        var second = await GetAsync(new LibraryGate(8, 15)); // a claim was edited: the history moved, the library did not

        second.Should().BeSameAs(first);
        _stampReads.Should().Be(2);
        _builds.Should().Be(1);
    }

    [Fact]
    public async Task A_moved_gate_with_a_changed_library_rebuilds_it()
    {
        var first = await GetAsync(new LibraryGate(7, 15));
        _stamps = (Library1 with { Studies = 11 }, Vectors1);
        var second = await GetAsync(new LibraryGate(8, 15));

        second.Should().NotBeSameAs(first);
        _builds.Should().Be(2);
    }

    [Fact]
    public async Task New_embeddings_move_the_gate_and_are_added_to_a_copy_without_a_rebuild()
    {
        var first = await GetAsync(new LibraryGate(7, 15));
        _stamps = (Library1, new VectorStamp(16, Vectors1.Latest!.Value.AddMinutes(1)));
        var second = await GetAsync(new LibraryGate(7, 16));

        _vectorAdds.Should().Be(1);
        _builds.Should().Be(1);
        second.Lexical.Should().BeSameAs(first.Lexical, "the records and their indexes are shared, not rebuilt");
        second.Vectors.Filled.Should().Be(2, "the first fill's embedding is carried over and the new one added");
        first.Vectors.Filled.Should().Be(1, "a library once handed out never changes under a reader");
    }

    [Fact]
    public async Task A_change_that_moves_no_gate_is_seen_once_the_check_is_older_than_the_recheck_time()
    {
        var first = await GetAsync(new LibraryGate(7, 15));
        _stamps = (Library1, Vectors1 with { Latest = Vectors1.Latest!.Value.AddMinutes(1) }); // an embedding recomputed in place
        (await GetAsync(new LibraryGate(7, 15))).Should().BeSameAs(first);
        _vectorAdds.Should().Be(0);

        _clock.Advance(EvidenceLibraryCache.RecheckAfter);
        await GetAsync(new LibraryGate(7, 15));

        _stampReads.Should().Be(2);
        _vectorAdds.Should().Be(1);
    }

    /// <summary>Three records, the last embedded at build, so the vector callback has rows to fill.</summary>
    private static EvidenceLibrary LibraryOfThree()
    {
        var builder = new EvidenceLibraryBuilder(4);
        for (var id = 1; id <= 3; id++)
            builder.Add(EvidenceCandidate.FromTrial(new KnowledgeBase.Domain.Trial { Id = id, NctId = $"NCT0000000{id}", Title = $"Trial {id}" }), null);
        var library = builder.Build();
        library.Vectors.Set(2, [0f, 0f, 1f, 0f]); // embedded when built
        return library;
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
