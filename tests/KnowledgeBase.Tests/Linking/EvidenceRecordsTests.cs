using KnowledgeBase.Domain;
using KnowledgeBase.Linking;

namespace KnowledgeBase.Tests.Linking;

/// <summary>
/// The packed library gives back every record exactly as it was added: the ranking reads its citation signals and
/// reasons from what comes back, so a field lost or altered would change a ranking.
/// </summary>
public sealed class EvidenceRecordsTests
{
    [Fact]
    public void Every_seed_study_and_trial_reads_back_as_it_was_added()
    {
        var records = EvidenceRecords.Of(SeedLibrary.Candidates);

        records.Should().HaveCount(SeedLibrary.Candidates.Count);
        for (var row = 0; row < records.Count; row++)
        {
            records[row].Should().BeEquivalentTo(SeedLibrary.Candidates[row], o => o.WithStrictOrdering());
            records.KindOf(row).Should().Be(SeedLibrary.Candidates[row].Kind);
            records.IdOf(row).Should().Be(SeedLibrary.Candidates[row].Id);
        }
    }

    [Fact]
    public void Unusual_values_read_back_unchanged()
    {
        var unusual = new[]
        {
            new EvidenceCandidate { Kind = EvidenceKind.Study, Id = -7, Title = "" },
            new EvidenceCandidate
            {
                Kind = EvidenceKind.Trial, Id = int.MaxValue, Title = "Broken \ud800 surrogate and ümlaut 試験",
                AuthorSurnames = ["Ó Súilleabháin", "Müller"], AuthorGivenNames = ["Zoë"], Year = -1, Journal = "",
                Doi = "10.1000/ABC", Pmid = "PMID: 0012", NctIds = ["nct 01234567", "NCT07654321"], Phase = TrialPhase.Phase2Phase3,
                PhaseText = "Phase 2/3", Participants = 0, ParticipantsDetail = " | 12 | | x | ", Aliases = ["MSC-NTF", "MSC-NTF", ""],
                Publication = StudyKind.SystematicReview, Ongoing = true, Text = "a | b | a", Label = "NCT07654321 Broken \ud800 surrogate and ümlaut 試験",
            },
            new EvidenceCandidate { Kind = EvidenceKind.Study, Id = 3, Title = "Same", Label = " Same", Text = "" },
            new EvidenceCandidate { Kind = EvidenceKind.Study, Id = 4, Title = "Same", Label = "Another label", Text = " | " },
        };

        var records = EvidenceRecords.Of(unusual);

        for (var row = 0; row < unusual.Length; row++)
            records[row].Should().BeEquivalentTo(unusual[row], o => o.WithStrictOrdering());
    }

    [Fact]
    public void A_record_larger_than_a_buffer_reads_back_and_so_do_its_neighbours()
    {
        var candidates = new[]
        {
            new EvidenceCandidate { Kind = EvidenceKind.Study, Id = 1, Title = "Before" },
            new EvidenceCandidate { Kind = EvidenceKind.Study, Id = 2, Title = new string('x', 3 * 1024 * 1024), Text = new string('y', 1024 * 1024) },
            new EvidenceCandidate { Kind = EvidenceKind.Study, Id = 3, Title = "After" },
        };

        var records = EvidenceRecords.Of(candidates);

        records.Select(r => r.Title).Should().Equal(candidates.Select(c => c.Title));
        records[1].Text.Should().Be(candidates[1].Text);
    }
}
