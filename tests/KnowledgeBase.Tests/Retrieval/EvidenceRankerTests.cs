using KnowledgeBase.Linking;
using KnowledgeBase.Retrieval;

namespace KnowledgeBase.Tests.Retrieval;

/// <summary>The ranking on a small synthetic library with fixed embeddings (4 dimensions, one "topic" each).</summary>
public sealed class EvidenceRankerTests
{
    // Topic axes of the fixed vectors: 0 = sleep, 1 = bone, 2 = heart, 3 = skin.
    private static readonly float[] Sleep = [1, 0, 0, 0];
    private static readonly float[] Bone = [0, 1, 0, 0];
    private static readonly float[] Heart = [0, 0, 1, 0];
    private static readonly float[] Skin = [0, 0, 0, 1];

    private static EvidenceLibrary Library(bool embedHeart = true)
    {
        var builder = new EvidenceLibraryBuilder(4);
        builder.Add(Study(1, "Melatonin and sleep onset in shift workers", pmid: "11111111"),
            "Shift workers given melatonin fell asleep twelve minutes sooner than with placebo.");
        builder.Add(Study(2, "Calcium supplements and fracture risk in older women"),
            "Daily calcium did not lower hip fractures over five years.");
        builder.Add(Study(3, "Omega-3 capsules and arrhythmia after cardiac surgery", authors: ["Okonkwo"], year: 2019),
            "Fish oil capsules reduced postoperative atrial fibrillation.");
        builder.Add(Study(4, "Collagen peptides and skin elasticity"), null);
        var library = builder.Build();
        library.Vectors.Set(0, Sleep);
        library.Vectors.Set(1, Bone);
        if (embedHeart) library.Vectors.Set(2, Heart);
        library.Vectors.Set(3, Skin);
        return library;
    }

    private static EvidenceCandidate Study(int id, string title, string? pmid = null, string[]? authors = null, int? year = null) => new()
    {
        Kind = EvidenceKind.Study,
        Id = id,
        Title = title,
        Pmid = pmid,
        AuthorSurnames = authors ?? [],
        Year = year,
    };

    [Fact]
    public void Meaning_ranks_a_record_that_shares_no_words_first()
    {
        var ranked = EvidenceRanker.Rank(Library(), ClaimContext.Of("This pill helps you drift off faster at night."), Sleep, 4);

        ranked[0].Candidate.Id.Should().Be(1);
        ranked[0].Reasons.Select(r => r.Text).Should().Contain("close in meaning to the abstract");
        ranked[0].Strength.Should().Be(SuggestionStrength.Relevant);
    }

    [Fact]
    public void Rare_shared_words_rank_first_without_an_embedding_and_are_named_rarest_first()
    {
        var ranked = EvidenceRanker.Rank(Library(), ClaimContext.Of("Calcium tablets prevent hip fractures in older women."), default, 4);

        ranked[0].Candidate.Id.Should().Be(2);
        ranked[0].Reasons.Should().ContainSingle(r => r.Text.StartsWith("shares rare words: ", StringComparison.Ordinal))
            .Which.Text.Should().Be("shares rare words: calcium, fractures, hip");
    }

    [Fact]
    public void A_reason_never_names_grammatical_words_even_when_they_are_the_rarest_shared()
    {
        // "who", "were" and "had" occur in one record of this library, "calcium" in two, "hip fractures" in all three:
        // by rarity alone the reason would read "fewer, given, had".
        var builder = new EvidenceLibraryBuilder(4);
        builder.Add(Study(1, "Calcium intake and hip fractures"), "Calcium intake was not linked to hip fractures.");
        builder.Add(Study(2, "Daily calcium in older women"), "Women who were given daily calcium had fewer hip fractures.");
        builder.Add(Study(3, "Vitamin D and falls"), "Vitamin D lowered falls and hip fractures.");
        var ranked = EvidenceRanker.Rank(builder.Build(), ClaimContext.Of("Patients who were given calcium had fewer hip fractures."), default, 3);

        ranked[0].Candidate.Id.Should().Be(2);
        ranked[0].Reasons.Should().ContainSingle(r => r.Text.StartsWith("shares rare words: ", StringComparison.Ordinal))
            .Which.Text.Should().Be("shares rare words: fewer, given, calcium");
    }

    [Fact]
    public void Every_record_is_returned_up_to_max_and_the_unrelated_ones_are_marked_weak()
    {
        var ranked = EvidenceRanker.Rank(Library(), ClaimContext.Of("Calcium tablets prevent hip fractures."), Bone, 10);

        ranked.Should().HaveCount(4, "a claim always gets the best available evidence, however weak");
        ranked[0].Candidate.Id.Should().Be(2);
        ranked.Skip(1).Should().OnlyContain(s => s.Strength == SuggestionStrength.Weak);
        ranked.Skip(1).Should().OnlyContain(s => s.Reasons.Any(r => r.Text.StartsWith("weak match", StringComparison.Ordinal)));
        ranked.Select(s => s.Score).Should().BeInDescendingOrder();
    }

    [Fact]
    public void A_claim_naming_the_author_and_year_puts_that_record_first_over_a_closer_meaning()
    {
        var ranked = EvidenceRanker.Rank(Library(), ClaimContext.Of("Okonkwo et al. (2019) showed that melatonin helps shift workers fall asleep."), Sleep, 4);

        ranked[0].Candidate.Id.Should().Be(3);
        ranked[0].Strength.Should().Be(SuggestionStrength.Strong);
        ranked[0].Reasons.Select(r => r.Text).Should().Contain("author Okonkwo + year 2019");
        ranked[1].Candidate.Id.Should().Be(1);
    }

    [Fact]
    public void A_record_the_article_cites_ranks_high_and_says_so()
    {
        var claim = new ClaimContext("Supplements can change your life.", null, null, ["11111111"], [], []);

        var ranked = EvidenceRanker.Rank(Library(), claim, Skin, 4);

        ranked[0].Candidate.Id.Should().Be(1);
        ranked[0].Strength.Should().Be(SuggestionStrength.Strong);
        ranked[0].Reasons.Should().Contain(new SuggestionReason("cited by the article (PMID 11111111)", RankingWeights.Default.CitedByArticle));
    }

    [Fact]
    public void A_record_linked_to_another_claim_of_the_article_counts()
    {
        var plain = EvidenceRanker.Rank(Library(), ClaimContext.Of("This can change your life."), Skin, 4);
        var linked = EvidenceRanker.Rank(Library(), ClaimContext.Of("This can change your life.") with { LinkedStudyIds = [2] }, Skin, 4);

        plain.Single(s => s.Candidate.Id == 2).Strength.Should().Be(SuggestionStrength.Weak);
        linked.Single(s => s.Candidate.Id == 2).Score.Should().BeApproximately(plain.Single(s => s.Candidate.Id == 2).Score + RankingWeights.Default.LinkedInArticle, 0.001);
        linked.Single(s => s.Candidate.Id == 2).Reasons.Select(r => r.Text).Should().Contain("linked to another claim of this article");
    }

    [Fact]
    public void Neighbouring_sentences_count_a_little()
    {
        var claim = new ClaimContext("It worked remarkably well.", "We looked at fish oil after cardiac surgery.", null, [], [], []);

        var ranked = EvidenceRanker.Rank(Library(), claim, default, 4);

        ranked[0].Candidate.Id.Should().Be(3);
        ranked[0].Reasons.Should().Contain(r => r.Text.StartsWith("shares words with the sentences around the claim", StringComparison.Ordinal));
    }

    [Fact]
    public void A_record_not_yet_embedded_is_still_ranked_by_its_words()
    {
        var ranked = EvidenceRanker.Rank(Library(embedHeart: false), ClaimContext.Of("Fish oil prevents atrial fibrillation after surgery."), Sleep, 4);

        ranked[0].Candidate.Id.Should().Be(3);
        ranked[0].Reasons.Should().NotContain(r => r.Text.Contains("meaning", StringComparison.Ordinal));
    }

    [Fact]
    public void The_ranking_is_deterministic_and_the_score_is_the_sum_of_the_reasons()
    {
        var claim = ClaimContext.Of("Omega-3 fish oil protects the heart after surgery.");
        var first = EvidenceRanker.Rank(Library(), claim, Heart, 4);
        var second = EvidenceRanker.Rank(Library(), claim, Heart, 4);

        second.Select(s => (s.Candidate.Id, s.Score)).Should().Equal(first.Select(s => (s.Candidate.Id, s.Score)));
        foreach (var s in first) s.Score.Should().BeApproximately(s.Reasons.Sum(r => r.Weight), 0.01);
        first[0].Reasons.Select(r => r.Text).Should().Contain("close in meaning to the abstract");
    }

    [Fact]
    public void A_record_without_an_abstract_is_close_in_meaning_to_its_title()
    {
        var ranked = EvidenceRanker.Rank(Library(), ClaimContext.Of("Wrinkles fade with this drink."), Skin, 1);

        ranked.Should().ContainSingle().Which.Reasons.Select(r => r.Text).Should().Contain("close in meaning to the title");
    }

    [Fact]
    public void Fused_ranking_beats_either_signal_alone_when_they_disagree_on_the_rest()
    {
        // Lexically the claim matches record 2 best; by meaning record 1 best but record 2 second: fused, record 2 leads.
        var library = Library();
        var vector = new float[] { 1f, 0.9f, 0, 0 };

        var ranked = EvidenceRanker.Rank(library, ClaimContext.Of("Calcium supplements for older women."), vector, 4);

        ranked.Take(2).Select(s => s.Candidate.Id).Should().Equal(2, 1);
    }

    [Fact]
    public void A_record_an_earlier_sentence_of_the_section_cites_ranks_first_and_says_where()
    {
        var claim = ClaimContext.Of("Side effects were mild.") with
        {
            Passage = ["Twelve volunteers took part.", "Okonkwo et al. (2019) gave fish oil after heart operations."],
        };

        var ranked = EvidenceRanker.Rank(Library(), claim, Skin, 4);

        ranked[0].Candidate.Id.Should().Be(3);
        ranked[0].Strength.Should().Be(SuggestionStrength.Strong);
        ranked[0].Reasons.Select(r => r.Text).Should().Contain("cited 2 sentences before (author Okonkwo + year 2019)");
    }

    [Fact]
    public void The_nearest_citing_sentence_of_the_section_wins_and_the_heading_counts_last()
    {
        var claim = ClaimContext.Of("Side effects were mild.") with
        {
            Passage = ["The melatonin study (PMID 11111111) followed shift workers.", "Okonkwo et al. (2019) gave fish oil after heart operations."],
            Heading = "Okonkwo 2019 and other trials",
        };

        var ranked = EvidenceRanker.Rank(Library(), claim, Skin, 4);

        ranked[0].Candidate.Id.Should().Be(1, "the section has moved on from the earlier citation");
        ranked[0].Reasons.Select(r => r.Text).Should().Contain("cited in the sentence before (PMID 11111111 named)");
        ranked.Single(s => s.Candidate.Id == 3).Reasons.Should().NotContain(r => r.Text.StartsWith("cited", StringComparison.Ordinal));
    }

    [Fact]
    public void The_section_heading_cites_when_no_sentence_of_the_section_does()
    {
        var claim = ClaimContext.Of("Side effects were mild.") with { Passage = ["Twelve volunteers took part."], Heading = "PMID 11111111" };

        var ranked = EvidenceRanker.Rank(Library(), claim, Skin, 4);

        ranked[0].Candidate.Id.Should().Be(1);
        ranked[0].Reasons.Select(r => r.Text).Should().Contain("cited in the section's heading (PMID 11111111 named)");
    }

    [Fact]
    public void An_earlier_sentence_citing_by_phase_and_participant_count_alone_carries_forward()
    {
        var builder = new EvidenceLibraryBuilder(4);
        builder.Add(Study(1, "Melatonin and sleep onset in shift workers"), null);
        builder.Add(new EvidenceCandidate { Kind = EvidenceKind.Study, Id = 2, Title = "Platelet plasma injections for knee pain", PhaseText = "Phase 2", Participants = 67 }, null);
        var library = builder.Build();
        var claim = ClaimContext.Of("Side effects were mild.") with { Passage = ["The phase 2 trial enrolled 67 patients."] };

        var ranked = EvidenceRanker.Rank(library, claim, default, 2);

        ranked[0].Candidate.Id.Should().Be(2);
        ranked[0].Reasons.Should().Contain(r => r.Text.StartsWith("cited in the sentence before (", StringComparison.Ordinal));
    }
}

