using System.Text;
using System.Text.Json;
using KnowledgeBase.Domain;
using KnowledgeBase.Interchange.Writing;
using KnowledgeBase.Linking;
using KnowledgeBase.Linking.TrialComparison;

namespace KnowledgeBase.Tests.Interchange;

/// <summary>The claims JSON's shape as docs/claims-export.md documents it, written from entities without a database or a server.</summary>
public sealed class ClaimsJsonWriterTests
{
    private static readonly DateTime At = new(2026, 11, 21, 18, 30, 0, DateTimeKind.Unspecified);

    private static readonly Trial Trial = new() { Id = 4, NctId = "NCT03280056", Title = "A registered trial", Phase = TrialPhase.Phase3 };

    private static readonly Study Study = new()
    {
        Id = 13, LibraryId = "REC-13", Title = "Umbilical cord MSCs in ALS", Doi = "10.1007/x", Pmid = "32725316",
        Trials = [new Trial { Id = 9, NctId = "NCT99999999" }, new Trial { Id = 8, NctId = "NCT01111111" }],
    };

    private static Claim NewClaim()
    {
        var claim = Claim.Anchor("Before. Doctors administered MSCs in 67 patients. After.", 8, 49, At);
        claim.Id = 212;
        claim.SourceId = 7;
        claim.Status = ClaimStatus.Confirmed;
        claim.Tags = [new Tag { Name = "survival", NormalizedName = "SURVIVAL" }, new Tag { Name = "dose", NormalizedName = "DOSE" }];
        claim.Links =
        [
            new EvidenceLink { Id = 2, Trial = Trial, TrialId = Trial.Id, Relation = EvidenceRelation.AlludesTo, CreatedBy = "editor@example.org", CreatedAt = At },
            new EvidenceLink { Id = 1, Study = Study, StudyId = Study.Id, Relation = EvidenceRelation.CitesExplicitly, Assessment = EvidenceAssessment.NotCheckable, Note = "Median *survival*.", CreatedBy = "editor@example.org", CreatedAt = At },
        ];
        return claim;
    }

    private static ClaimExportItem Item(Claim claim, IReadOnlyList<FlagDismissal>? dismissals = null)
    {
        var record = ComparedRecord.From(Trial);
        var flags = new[]
        {
            new ComparisonFlag("phase", "The claim says phase 2; the trial record (NCT03280056) says: phase 3.", ComparedRecordKind.Trial, Trial.Id, Trial.NctId),
            new ComparisonFlag("enrolment", "The claim says 67 patients; the record says 60.", ComparedRecordKind.Trial, Trial.Id, Trial.NctId) { RestsOnUnverified = true },
        };
        var suggestion = new EvidenceSuggestion(EvidenceCandidate.FromStudy(Study), 6.126, [new SuggestionReason("67 patients matches participants", 2)]);
        return new ClaimExportItem(claim, "Motor neuron diseases", "004_x.txt", [new ClaimComparison(record, [], flags)], dismissals ?? [], [suggestion]);
    }

    private static async Task<(string Text, JsonElement Root)> WriteAsync(Func<string?, string>? showActor, params ClaimExportItem[] items)
    {
        using var stream = new MemoryStream();
        await ClaimsJsonWriter.WriteAsync(items.ToAsyncEnumerable(), stream, showActor ?? (a => a ?? ""));
        var text = Encoding.UTF8.GetString(stream.ToArray());
        return (text, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Writes_each_claim_with_the_documented_fields_in_order()
    {
        var (_, root) = await WriteAsync(null, Item(NewClaim()));

        var claim = root.EnumerateArray().Single();
        claim.EnumerateObject().Select(p => p.Name).Should().Equal("id", "status", "quote", "start", "end", "prefix", "suffix", "orphaned", "source", "tags", "links", "flags", "suggestions");
        claim.GetProperty("id").GetInt32().Should().Be(212);
        claim.GetProperty("status").GetString().Should().Be("confirmed");
        claim.GetProperty("quote").GetString().Should().Be("Doctors administered MSCs in 67 patients.");
        claim.GetProperty("start").GetInt32().Should().Be(8);
        claim.GetProperty("end").GetInt32().Should().Be(49);
        claim.GetProperty("prefix").GetString().Should().Be("Before. ");
        claim.GetProperty("suffix").GetString().Should().Be(" After.");
        claim.GetProperty("orphaned").GetBoolean().Should().BeFalse();
        claim.GetProperty("source").EnumerateObject().Select(p => (p.Name, p.Value.ToString())).Should().Equal(("id", "7"), ("title", "Motor neuron diseases"), ("fileName", "004_x.txt"));
        claim.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Should().Equal("dose", "survival");
    }

    [Fact]
    public async Task Writes_links_oldest_first_with_camel_case_values_and_evidence_objects()
    {
        var (_, root) = await WriteAsync(a => a == "editor@example.org" ? "an editor" : a ?? "", Item(NewClaim()));

        var links = root[0].GetProperty("links").EnumerateArray().ToList();
        links.Select(l => l.GetProperty("relation").GetString()).Should().Equal("citesExplicitly", "alludesTo");
        var study = links[0];
        study.EnumerateObject().Select(p => p.Name).Should().Equal("relation", "assessment", "note", "createdBy", "createdAt", "study", "trial");
        study.GetProperty("assessment").GetString().Should().Be("notCheckable");
        study.GetProperty("note").GetString().Should().Be("Median *survival*.");
        study.GetProperty("createdBy").GetString().Should().Be("an editor", "the actor is shown as the caller says");
        study.GetProperty("createdAt").GetString().Should().Be("2026-11-21T18:30:00Z");
        study.GetProperty("trial").ValueKind.Should().Be(JsonValueKind.Null);
        var evidence = study.GetProperty("study");
        evidence.EnumerateObject().Select(p => p.Name).Should().Equal("id", "title", "doi", "pmid", "nctIds");
        evidence.GetProperty("nctIds").EnumerateArray().Select(n => n.GetString()).Should().Equal("NCT01111111", "NCT99999999");
        links[1].GetProperty("assessment").ValueKind.Should().Be(JsonValueKind.Null);
        links[1].GetProperty("note").ValueKind.Should().Be(JsonValueKind.Null);
        links[1].GetProperty("study").ValueKind.Should().Be(JsonValueKind.Null);
        links[1].GetProperty("trial").GetProperty("nctIds").EnumerateArray().Select(n => n.GetString()).Should().Equal("NCT03280056");
        links[1].GetProperty("trial").GetProperty("doi").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Writes_flags_with_their_record_and_dismissal()
    {
        var dismissal = new FlagDismissal { ClaimId = 212, FlagKind = "phase", Record = "trial:4", Note = "Phase 2/3 in the paper.", DismissedBy = "editor@example.org", DismissedAt = At };

        var (_, root) = await WriteAsync(a => a == "editor@example.org" ? "an editor" : a ?? "", Item(NewClaim(), [dismissal]));

        var flags = root[0].GetProperty("flags").EnumerateArray().ToList();
        flags.Select(f => f.GetProperty("kind").GetString()).Should().Equal("phase", "enrolment");
        flags[0].EnumerateObject().Select(p => p.Name).Should().Equal("kind", "reason", "restsOnUnverified", "trial", "dismissed");
        flags[0].GetProperty("trial").GetProperty("nctId").GetString().Should().Be("NCT03280056");
        flags[0].GetProperty("dismissed").EnumerateObject().Select(p => (p.Name, p.Value.GetString())).Should()
            .Equal(("note", "Phase 2/3 in the paper."), ("by", "an editor"), ("at", "2026-11-21T18:30:00Z"));
        flags[1].GetProperty("restsOnUnverified").GetBoolean().Should().BeTrue();
        flags[1].GetProperty("dismissed").ValueKind.Should().Be(JsonValueKind.Null, "the dismissal names another flag kind");
    }

    [Fact]
    public async Task Writes_suggestions_with_a_rounded_score_reasons_and_the_record()
    {
        var (_, root) = await WriteAsync(null, Item(NewClaim()));

        var suggestion = root[0].GetProperty("suggestions").EnumerateArray().Single();
        suggestion.EnumerateObject().Select(p => p.Name).Should().Equal("score", "reasons", "study");
        suggestion.GetProperty("score").GetDouble().Should().Be(6.13);
        suggestion.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).Should().Equal("67 patients matches participants");
        suggestion.GetProperty("study").GetProperty("pmid").GetString().Should().Be("32725316");
    }

    [Fact]
    public async Task Writes_an_empty_array_for_no_claims_and_every_claim_in_the_order_given()
    {
        var (empty, _) = await WriteAsync(null);
        var second = NewClaim();
        second.Id = 5;
        var (_, root) = await WriteAsync(null, Item(NewClaim()), Item(second));

        JsonDocument.Parse(empty).RootElement.GetArrayLength().Should().Be(0);
        root.EnumerateArray().Select(c => c.GetProperty("id").GetInt32()).Should().Equal(212, 5);
    }

    [Fact]
    public async Task Streams_a_large_export_in_pieces_rather_than_holding_it()
    {
        using var stream = new CountingStream();
        var items = Enumerable.Range(1, 400).Select(i => { var c = NewClaim(); c.Id = i; return Item(c); });

        await ClaimsJsonWriter.WriteAsync(items.ToAsyncEnumerable(), stream, a => a ?? "");

        stream.Writes.Should().BeGreaterThan(1, "the writer flushes every FlushBytes, not once at the end");
        stream.Length.Should().BeGreaterThan(ClaimsJsonWriter.FlushBytes * 2);
    }

    [Fact]
    public void Suggestions_alone_have_the_same_shape_as_a_claims()
    {
        using var stream = new MemoryStream();
        ClaimsJsonWriter.WriteSuggestions(Item(NewClaim()).Suggestions, stream);

        var suggestion = JsonDocument.Parse(stream.ToArray()).RootElement.EnumerateArray().Single();
        suggestion.EnumerateObject().Select(p => p.Name).Should().Equal("score", "reasons", "study");
    }

    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes++;
            base.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Writes++;
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            return base.WriteAsync(buffer, cancellationToken);
        }
    }
}
