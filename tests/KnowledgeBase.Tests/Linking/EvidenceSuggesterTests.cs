using System.Diagnostics;
using System.Text.RegularExpressions;
using KnowledgeBase.Domain;
using KnowledgeBase.Importing.Library;
using KnowledgeBase.Linking;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Tests.Linking;

/// <summary>Real claims from the seed articles against the real reference library.</summary>
public sealed class EvidenceSuggesterSeedTests
{
    private const string Article000 = "000_0a69e49d4b7b84ee.txt";
    private const string Article001 = "001_a9ffed9fe85c4e76.txt";
    private const string Article003 = "003_b91c22ed071beb9d.txt";
    private const string Article004 = "004_e7acfcdfef7a4db6.txt";

    [Fact]
    public void Mazzini_et_al_ranks_a_Mazzini_record_first_without_claiming_the_wrong_year()
    {
        var quote = SeedQuote(Article004, "A 2006 study by Mazzini et al. reported improvements in lung function and performance of daily activities in 5 out of 9 patients after administering stem cells.");

        var result = Suggest(quote);

        result.Should().HaveCountGreaterThanOrEqualTo(2);
        result.Take(2).Select(s => s.Candidate).Should().BeEquivalentTo([SeedLibrary.Study("REC-14"), SeedLibrary.Study("REC-26")]);
        result[0].Candidate.Should().Be(SeedLibrary.Study("REC-14"), "the 2003 paper also reports the 5 patients");
        result[0].Reasons.Select(r => r.Text).Should().Contain("author Mazzini et al.");
        result.SelectMany(s => s.Reasons).Should().NotContain(r => r.Text.Contains("year", StringComparison.Ordinal),
            "the article says 2006; neither Mazzini record is from 2006");
    }

    [Fact]
    public void Misspelt_Barzewska_with_67_patients_finds_Barczewska()
    {
        var quote = SeedQuote(Article004, "Barzewska et al. administered MSCs in 67 patients. The trial showed a 70% decrease in the risk of death and a two-fold increase in survival of the MSC-treated group.");

        var top = Suggest(quote)[0];

        top.Candidate.Should().Be(SeedLibrary.Study("REC-13"));
        top.Reasons.Should().ContainEquivalentOf(new SuggestionReason("author Barczewska et al. (written “Barzewska”)", EvidenceSuggester.FirstAuthorMisspelt));
        top.Reasons.Should().ContainEquivalentOf(new SuggestionReason("67 patients matches participants", EvidenceSuggester.ParticipantsExact));
    }

    [Fact]
    public void Stem_Cells_Translational_Medicine_phase_I_finds_Oh_2015_and_its_trial()
    {
        var quote = SeedQuote(Article001, "A recent publication in Stem Cells Translational Medicine described an open-label phase I clinical trial that was designed to assess the safety of a stem cell therapy for amyotrophic lateral sclerosis (ALS). The specific procedure involved two repeated injections of autologous bone marrow derived mesenchymal stem cells into the spinal canal of patients with ALS.");

        var result = Suggest(quote);

        result[0].Candidate.Should().Be(SeedLibrary.Study("REC-07"));
        result[0].Reasons.Select(r => r.Text).Should().Contain(["journal Stem Cells Translational Medicine", "phase I matches", "intrathecal (“spinal canal”)"]);
        result.Take(3).Select(s => s.Candidate).Should().Contain(SeedLibrary.Trial("NCT01363401"));
    }

    [Fact]
    public void Phase_I_trial_of_8_patients_finds_Oh_2015_by_its_participants()
    {
        var preceding = SeedQuote(Article001, "The researchers found that the injections were safe during their implementation and that they did not have any unsafe effects during a follow-up period of one year.");
        var quote = SeedQuote(Article001, "The phase I clinical trial included 8 patients whose ALS was either definite or probable.");

        var result = Suggest(new ClaimContext(quote, preceding, null, [], [], []));

        result[0].Candidate.Should().Be(SeedLibrary.Study("REC-07"));
        result[0].Reasons.Select(r => r.Text).Should().Contain(["8 patients matches participants", "phase I matches"]);
        var trial = result.Take(3).Should().ContainSingle(s => s.Candidate == SeedLibrary.Trial("NCT01363401")).Subject;
        trial.Reasons.Select(r => r.Text).Should().Contain("phase I matches");
    }

    [Fact]
    public void NurOwn_phase_3b_finds_the_ENDURANCE_record_and_trial()
    {
        var quote = SeedQuote(Article004, "NurOwn, another MSC-based product created by BrainStorm Cell Therapeutics, has been approved for Phase 3b of the clinical trial.");

        var result = Suggest(quote);

        result.Take(2).Select(s => s.Candidate).Should().BeEquivalentTo([SeedLibrary.Study("REC-06"), SeedLibrary.Trial("NCT06973629")]);
        result[0].Candidate.Should().Be(SeedLibrary.Study("REC-06"), "an equal score breaks by year, and the trial has none");
        foreach (var top in result.Take(2))
        {
            top.Reasons.Select(r => r.Text).Should().Contain(["product NurOwn", "phase 3b matches", "sponsor BrainStorm Cell Therapeutics"]);
        }

        result.Should().Contain(s => s.Candidate == SeedLibrary.Study("REC-03"))
            .Which.Reasons.Select(r => r.Text).Should().Contain("phase 3b matches phase 3");
    }

    [Fact]
    public void CorestemChemon_NeuroNata_R_phase_three_finds_ALSUMMIT()
    {
        var quote = SeedQuote(Article004, "CorestemChemon, a biotechnology company in South Korea, has developed NeuroNata-R- an MSC-based product for ALS treatment. South Korea, the USA, and Europe have designated it as an orphan drug. In addition to offering regulatory help, the designation expedites the medication review process. Clinical trials for the product are now in phase three.");

        var result = Suggest(quote);

        result.Take(2).Select(s => s.Candidate).Should().BeEquivalentTo([SeedLibrary.Study("REC-09"), SeedLibrary.Trial("NCT04745299")]);
        result[0].Reasons.Select(r => r.Text).Should().Contain(["product NeuroNata-R", "sponsor CorestemChemon", "phase three matches"]);
        result.Skip(2).Should().OnlyContain(s => s.Score < result[1].Score);
    }

    [Fact]
    public void Phase_three_sentence_is_tied_to_NeuroNata_R_by_the_sentence_before_it()
    {
        var preceding = SeedQuote(Article004, "CorestemChemon, a biotechnology company in South Korea, has developed NeuroNata-R- an MSC-based product for ALS treatment.");
        const string quote = "Clinical trials for the product are now in phase three.";

        var withContext = Suggest(new ClaimContext(quote, preceding, null, [], [], []));
        var alone = Suggest(quote);

        withContext.Take(2).Select(s => s.Candidate).Should().BeEquivalentTo([SeedLibrary.Study("REC-09"), SeedLibrary.Trial("NCT04745299")]);
        withContext[0].Reasons.Should().ContainSingle(r => r.Text == "nearby: product NeuroNata-R")
            .Which.Weight.Should().BeApproximately(EvidenceSuggester.FirstAlias * EvidenceSuggester.NeighbourFactor, 1e-9);
        alone.Should().BeEmpty("a phase alone cites nothing");
    }

    [Fact]
    public void Ammar_et_al_2021_six_trials_finds_the_Aljabri_systematic_review_on_honest_signals()
    {
        var quote = SeedQuote(Article003, "In a study conducted by Ammar et al. (2021), 6 clinical trials were analyzed for their efficacy in ALS patients.");
        var rec12 = SeedLibrary.Study("REC-12");

        // Without the given name the author text states, the year, the six included studies and the review
        // design still rank it (the short label's seed note is never read).
        var withoutGivenName = SeedLibrary.Candidates.Select(c => c == rec12 ? c with { AuthorGivenNames = [] } : c).ToList();
        var honest = EvidenceSuggester.Suggest(ClaimContext.Of(quote), withoutGivenName);

        honest.Take(3).Select(s => s.Candidate.Id).Should().Contain(rec12.Id);
        var review = honest.Single(s => s.Candidate.Id == rec12.Id && s.Candidate.Kind == EvidenceKind.Study);
        review.Reasons.Select(r => r.Text).Should().Contain(["year 2021", "6 clinical trials in participants detail (“6 included studies”)", "systematic review (“trials were analyzed”)"]);

        var withGivenName = Suggest(quote);
        withGivenName[0].Candidate.Should().Be(rec12);
        withGivenName[0].Reasons.Select(r => r.Text).Should().Contain("given name Ammar of first author Aljabri + year 2021");
    }

    [Fact]
    public void An_article_reference_PMID_decides_between_MSC_NTF_papers()
    {
        var article = File.ReadAllText(Path.Combine(TestPaths.Seeds, Article000));
        var referencePmid = Identifiers.PmidFromUrl(article);
        referencePmid.Should().Be("26751635");
        var quote = SeedQuote(Article000, "As a result of this study, the authors have concluded that IT and IM injections of MSC-NTF cells in patients with ALS are safe and well-tolerated.");

        var withReferences = Suggest(new ClaimContext(quote, null, null, [referencePmid!], [], []));
        var withoutReferences = Suggest(quote);

        withReferences[0].Candidate.Should().Be(SeedLibrary.Study("REC-01"));
        withReferences[0].Reasons.Should().ContainEquivalentOf(
            new SuggestionReason("cited by the article (PMID 26751635)", EvidenceSuggester.IdentifierInReferences));
        withReferences[0].Reasons.Select(r => r.Text).Should().Contain("product MSC-NTF");
        withReferences[0].Score.Should().BeGreaterThan(withReferences[1].Score);

        var rec01Alone = withoutReferences.Single(s => s.Candidate == SeedLibrary.Study("REC-01"));
        rec01Alone.Score.Should().Be(withReferences[0].Score - EvidenceSuggester.IdentifierInReferences);
        withoutReferences.Should().Contain(s => s.Candidate != rec01Alone.Candidate && s.Score == rec01Alone.Score,
            "without the reference list other MSC-NTF papers are as likely");
    }

    [Fact]
    public void An_article_reference_alone_does_not_make_an_unrelated_sentence_cite_it()
    {
        var quote = SeedQuote(Article000, "While no treatment to prevent or even slow the progression of, ALS currently exists, recent findings indicate that neurotrophic factors (NTFs) have been shown to potentially improve the survival of motor neurons in ALS.");

        Suggest(new ClaimContext(quote, null, null, ["26751635"], [], [])).Should().BeEmpty();
    }

    [Theory]
    [InlineData(Article003, "Stem cell therapy has the ability to provide immunomodulatory support, potentially allowing for motor neuron regeneration.")]
    [InlineData(Article003, "ALS invariably results in paralysis, and respiratory failures, ultimately leading to death.")]
    [InlineData(Article004, "Over 40 genes contribute to ALS, with FUS, SOD1, C9orf72, and TDP43 the most prominent among them.")]
    [InlineData(Article004, "Since 2003, clinical studies on mesenchymal stem cells (MSCs) have been conducted.")]
    [InlineData(Article004, "These therapeutics are sparking hope that Stem Cell Treatment for ALS is not only effective but also safe.")]
    public void A_claim_that_cites_nothing_identifiable_gets_no_suggestion(string article, string sentence)
    {
        var quote = SeedQuote(article, sentence);
        var text = File.ReadAllText(Path.Combine(TestPaths.Seeds, article));
        var at = text.IndexOf(quote, StringComparison.Ordinal);
        var preceding = text[Math.Max(0, at - 200)..at];
        var following = text[(at + quote.Length)..Math.Min(text.Length, at + quote.Length + 200)];

        Suggest(new ClaimContext(quote, preceding, following, [], [], [])).Should().BeEmpty();
    }

    [Fact]
    public void Every_suggestion_for_the_seed_articles_explains_its_whole_score()
    {
        foreach (var file in Directory.GetFiles(TestPaths.Seeds, "*.txt"))
        {
            foreach (var sentence in File.ReadAllText(file).Split(['.', '\n'], StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (var s in Suggest(sentence))
                {
                    s.Score.Should().BeApproximately(s.Reasons.Sum(r => r.Weight), 1e-6);
                    s.Score.Should().BeGreaterThanOrEqualTo(EvidenceSuggester.MinScore);
                    s.Reasons.Should().OnlyContain(r => r.Weight > 0 && r.Text.Length > 0);
                }
            }
        }
    }

    private static IReadOnlyList<EvidenceSuggestion> Suggest(string quote) => Suggest(ClaimContext.Of(quote));

    private static IReadOnlyList<EvidenceSuggestion> Suggest(ClaimContext claim) => SeedLibrary.Index.Suggest(claim, 10);

    /// <summary>The quote exactly as the seed article writes it (its spaces may be no-break spaces), after checking the article contains it.</summary>
    private static string SeedQuote(string article, string quote)
    {
        var words = quote.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape);
        var match = Regex.Match(File.ReadAllText(Path.Combine(TestPaths.Seeds, article)), string.Join(@"\s+", words));
        match.Success.Should().BeTrue($"{article} should contain “{quote}”");
        return match.Value;
    }
}

/// <summary>Each signal on small synthetic candidates.</summary>
public sealed class EvidenceSuggesterSignalTests
{
    private static EvidenceCandidate Candidate(int id, string title = "A study", int? year = null) => new()
    {
        Kind = EvidenceKind.Study,
        Id = id,
        Title = title,
        Year = year,
    };

    private static IReadOnlyList<EvidenceSuggestion> Suggest(string quote, params EvidenceCandidate[] candidates) =>
        EvidenceSuggester.Suggest(ClaimContext.Of(quote), candidates);

    private static SuggestionReason Reason(EvidenceSuggestion suggestion, string startsWith) =>
        suggestion.Reasons.Should().ContainSingle(r => r.Text.StartsWith(startsWith, StringComparison.Ordinal)).Subject;

    [Theory]
    [InlineData("See PMID: 12345678 for details.", "PMID 12345678 named")]
    [InlineData("As reported (https://pubmed.ncbi.nlm.nih.gov/12345678/), it worked.", "PMID 12345678 named")]
    [InlineData("See https://doi.org/10.1000/XYZ.2020.5 for details.", "DOI 10.1000/xyz.2020.5 named")]
    public void An_identifier_in_the_claim_is_decisive(string quote, string reason)
    {
        var target = Candidate(1) with { Pmid = "12345678", Doi = "10.1000/xyz.2020.5" };

        var result = Suggest(quote, Candidate(2), target);

        result.Should().ContainSingle().Which.Candidate.Should().Be(target);
        result[0].Reasons.Should().ContainEquivalentOf(new SuggestionReason(reason, EvidenceSuggester.IdentifierInClaim));
    }

    [Fact]
    public void An_NCT_id_names_the_trial_and_more_weakly_the_studies_reporting_it()
    {
        var trial = new EvidenceCandidate { Kind = EvidenceKind.Trial, Id = 1, Title = "NCT01363401", NctIds = ["NCT01363401"] };
        var report = Candidate(1) with { NctIds = ["NCT01363401"] };

        var result = Suggest("The trial (NCT 01363401) enrolled adults.", report, trial, Candidate(2));

        result.Select(s => s.Candidate).Should().Equal(trial, report);
        result[0].Reasons.Should().Equal(new SuggestionReason("NCT01363401 named", EvidenceSuggester.IdentifierInClaim));
        result[1].Reasons.Should().Equal(new SuggestionReason("NCT01363401 named (a trial this study reports)", EvidenceSuggester.ReportedTrialInClaim));
    }

    [Fact]
    public void A_reference_list_identifier_needs_the_claim_to_match_the_topic()
    {
        var target = Candidate(1) with { Pmid = "12345678", PhaseText = "Phase 2", Text = "intrathecal injection" };
        var references = new ClaimContext("Patients were treated intrathecally.", null, null, ["PMID 12345678"], [], []);
        var onTopic = references with { Quote = "In the phase 2 trial, intrathecal injections were given twice." };

        EvidenceSuggester.Suggest(references, [target]).Should().BeEmpty("a therapy word is too little to tie the claim to the reference");
        var result = EvidenceSuggester.Suggest(onTopic, [target]);
        result.Should().ContainSingle().Which.Reasons.Should().Equal(
            new SuggestionReason("cited by the article (PMID 12345678)", EvidenceSuggester.IdentifierInReferences),
            new SuggestionReason("phase 2 matches", EvidenceSuggester.PhaseExact),
            new SuggestionReason("intrathecal", EvidenceSuggester.TherapyWeight));
    }

    [Fact]
    public void A_misspelt_surname_of_five_letters_or_more_still_matches_the_first_author()
    {
        var target = Candidate(1) with { AuthorSurnames = ["Barczewska", "Maksymowicz"] };

        var result = Suggest("Barzewska et al. treated patients.", target);

        Reason(result.Should().ContainSingle().Subject, "author").Should()
            .Be(new SuggestionReason("author Barczewska et al. (written “Barzewska”)", EvidenceSuggester.FirstAuthorMisspelt));
    }

    [Theory]
    [InlineData("Staf et al. treated patients.", "Staff")]
    [InlineData("Bazzini et al. treated patients.", "Mazzini")]
    [InlineData("Mozart et al. treated patients.", "Mazzini")]
    public void Short_or_different_names_do_not_match(string quote, string surname)
    {
        Suggest(quote, Candidate(1) with { AuthorSurnames = [surname, "Other"] }).Should().BeEmpty();
    }

    [Fact]
    public void Author_and_year_combine_into_one_reason_and_a_co_author_counts_less()
    {
        var first = Candidate(1, year: 2019) with { AuthorSurnames = ["Berry", "Cudkowicz"] };
        var coAuthored = Candidate(2, year: 2022) with { AuthorSurnames = ["Cudkowicz", "Berry"] };

        var result = Suggest("In 2019, Berry and colleagues reported the results.", first, coAuthored);

        result.Should().ContainSingle("a co-author alone stays below the minimum score");
        result[0].Reasons.Should().Equal(new SuggestionReason("author Berry et al. + year 2019", EvidenceSuggester.FirstAuthor + EvidenceSuggester.YearWithAuthor));
    }

    [Theory]
    [InlineData("A recent publication in Stem Cells Translational Medicine described it.", "journal Stem Cells Translational Medicine")]
    [InlineData("As reported (Stem Cells Transl Med. 2015), it was safe.", "journal Stem Cells Translational Medicine (written “Stem Cells Transl Med”)")]
    [InlineData("A paper in STEM CELLS TRANSLATIONAL MEDICINE described it.", "journal Stem Cells Translational Medicine")]
    public void The_journal_matches_in_full_abbreviated_or_in_capitals(string quote, string reason)
    {
        var target = Candidate(1) with { Journal = "Stem Cells Translational Medicine" };

        var result = Suggest(quote, target);

        result.Should().ContainSingle().Which.Reasons.Should().Equal(new SuggestionReason(reason, EvidenceSuggester.JournalMatch));
    }

    [Theory]
    [InlineData("Results were published in PLOS ONE last year.", true)]
    [InlineData("Results were published in Plos One last year.", true)]
    [InlineData("Results were published in Neurology in 2016.", true)]
    [InlineData("Experts in neurology disagree.", false)]
    [InlineData("Neurology experts disagree about one thing.", false)]
    [InlineData("The stem cell trials in Amyotrophic Lateral Sclerosis were small.", false)]
    public void An_ordinary_journal_name_needs_a_citation_cue(string quote, bool matches)
    {
        var candidates = new[]
        {
            Candidate(1) with { Journal = "PLoS One" },
            Candidate(2) with { Journal = "Neurology" },
            Candidate(3) with { Journal = "Amyotrophic Lateral Sclerosis" },
        };

        Suggest(quote, candidates).Should().HaveCount(matches ? 1 : 0);
    }

    [Theory]
    [InlineData("an open-label phase I trial", "Phase 1", "phase I matches", EvidenceSuggester.PhaseExact)]
    [InlineData("the phase 1/2 study", "Phase 1/2", "phase 1/2 matches", EvidenceSuggester.PhaseExact)]
    [InlineData("approved for Phase 3b", "Phase 3b", "phase 3b matches", EvidenceSuggester.PhaseWithLetter)]
    [InlineData("approved for Phase 3b", "Phase 3", "phase 3b matches phase 3", EvidenceSuggester.PhaseExact)]
    [InlineData("now in phase three", "Phase 3", "phase three matches", EvidenceSuggester.PhaseExact)]
    [InlineData("the phase I trial", "Phase 1/2", "phase I overlaps phase 1/2", EvidenceSuggester.PhaseOverlap)]
    [InlineData("a Phase IIa study", "Phase 2a", "phase IIa matches", EvidenceSuggester.PhaseWithLetter)]
    public void The_phase_matches_exactly_with_its_letter_or_by_overlap(string phrase, string recordPhase, string reason, double weight)
    {
        // A product name (3) anchors the suggestion so the phase contribution can be read.
        var target = Candidate(1) with { PhaseText = recordPhase, Aliases = ["NurOwn"] };

        var result = Suggest($"NurOwn was tested in {phrase}.", target);

        Reason(result.Should().ContainSingle().Subject, "phase").Should().Be(new SuggestionReason(reason, weight));
    }

    [Fact]
    public void A_different_phase_gives_no_phase_reason()
    {
        var target = Candidate(1) with { PhaseText = "Phase 3", Aliases = ["NurOwn"] };

        Suggest("NurOwn was tested in a phase 1 trial.", target).Should().ContainSingle()
            .Which.Reasons.Should().NotContain(r => r.Text.StartsWith("phase", StringComparison.Ordinal));
    }

    [Fact]
    public void Participants_count_more_than_a_number_in_the_detail_or_the_text()
    {
        var exact = Candidate(1) with { Participants = 67, Aliases = ["NurOwn"] };
        var detail = Candidate(2) with { ParticipantsDetail = "67 treated + 67 matched historical controls", Participants = 134, Aliases = ["NurOwn"] };
        var text = Candidate(3) with { Text = "Of 67 screened, most were eligible.", Aliases = ["NurOwn"] };

        var result = Suggest("NurOwn was given to 67 patients.", text, detail, exact);

        result.Select(s => s.Candidate.Id).Should().Equal(1, 2, 3);
        Reason(result[0], "67").Should().Be(new SuggestionReason("67 patients matches participants", EvidenceSuggester.ParticipantsExact));
        Reason(result[1], "67").Should()
            .Be(new SuggestionReason("67 patients in participants detail (“67 treated + 67 matched historical controls”)", EvidenceSuggester.NumberInDetail));
        Reason(result[2], "67").Should().Be(new SuggestionReason("67 patients in record text (“Of 67 screened”)", EvidenceSuggester.NumberInText));
    }

    [Fact]
    public void A_participant_count_alone_is_not_a_citation()
    {
        Suggest("Researchers treated 67 patients.", Candidate(1) with { Participants = 67 }).Should().BeEmpty();
    }

    [Theory]
    [InlineData("NurOwn was given to 3 patients.", 3)]
    [InlineData("NurOwn was given in 2015 to some patients.", 2015)]
    [InlineData("NurOwn (NCT01363401) was given to some patients.", 1363401)]
    [InlineData("NurOwn doses of 1.5 million cells were given.", 15)]
    public void Small_numbers_years_identifiers_and_decimals_are_not_counts(string quote, int participants)
    {
        var target = Candidate(1, year: null) with { Participants = participants, ParticipantsDetail = $"{participants}", Aliases = ["NurOwn"] };

        var result = Suggest(quote, target);

        result.Should().ContainSingle().Which.Reasons.Should().Equal(new SuggestionReason("product NurOwn", EvidenceSuggester.FirstAlias));
    }

    [Fact]
    public void Number_mentions_keep_counts_percentages_and_durations_apart()
    {
        var numbers = NumberMention.FindAll("In 2015, 5 out of nine patients (67%) were followed for 6 months; 1 x 10^6 cells/kg; 2 of 3; p=0.003; SOD1; nine years.", numberWords: true);

        numbers.Select(n => (n.Value, n.Kind)).Should().Equal(
            (5, NumberKind.Count), (9, NumberKind.Count), (67, NumberKind.Percent), (6, NumberKind.Duration));
        numbers[1].Label.Should().Be("nine patients");
        numbers[1].CountsPeople.Should().BeTrue();
        numbers[3].Unit.Should().Be("month");
    }

    [Fact]
    public void Product_and_sponsor_names_are_read_from_the_record_text()
    {
        var study = new Study
        {
            Id = 7,
            Title = "A trial of FooCell (zelumestrocel) in ALS: the PARAGON study",
            ShortLabel = "Foo 2020 — XYZ-42 intrathecal",
            CellType = "BM-MSC (FooCell; made by Acme Therapeutics)",
            Authors = "Acme Biologics (sponsor); Smith J, Jones K",
        };

        var candidate = EvidenceCandidate.FromStudy(study);

        candidate.Aliases.Should().BeEquivalentTo(["FooCell", "zelumestrocel", "PARAGON", "XYZ-42", "Acme Biologics"]);
        candidate.AuthorSurnames.Should().Equal("Smith", "Jones");

        var result = Suggest("Acme Biologics developed zelumestrocel for ALS.", candidate);
        result.Should().ContainSingle().Which.Reasons.Should().Equal(
            new SuggestionReason("product zelumestrocel", EvidenceSuggester.FirstAlias),
            new SuggestionReason("sponsor Acme Biologics", EvidenceSuggester.FurtherAlias));
    }

    [Fact]
    public void Neighbouring_sentences_add_identifying_signals_at_a_lower_weight()
    {
        var target = Candidate(1) with { AuthorSurnames = ["Mazzini", "Fagioli"], PhaseText = "Phase 1" };
        var claim = new ClaimContext("The phase I trial showed the cells were safe.", "Mazzini et al. transplanted cells.", null, [], [], []);

        var result = EvidenceSuggester.Suggest(claim, [target]);

        result.Should().ContainSingle().Which.Reasons.Should().Equal(
            new SuggestionReason("phase I matches", EvidenceSuggester.PhaseExact),
            new SuggestionReason("nearby: author Mazzini et al.", EvidenceSuggester.FirstAuthor * EvidenceSuggester.NeighbourFactor));
        EvidenceSuggester.Suggest(claim with { Quote = "The cells were safe." }, [target]).Should().BeEmpty("neighbours alone never suggest a record");
    }

    [Fact]
    public void Therapy_words_support_but_never_suggest_on_their_own()
    {
        var target = Candidate(1) with { Text = "autologous bone marrow | intrathecal | Wharton's jelly | adipose" };

        Suggest("Autologous bone marrow cells were injected into the spinal canal.", target).Should().BeEmpty();

        var named = Suggest("Autologous bone marrow cells of NurOwn were injected into the spinal canal.", target with { Aliases = ["NurOwn"] });
        named.Should().ContainSingle().Which.Reasons.Select(r => r.Text).Should()
            .Equal("product NurOwn", "bone marrow", "intrathecal (“spinal canal”)", "autologous");
    }

    [Fact]
    public void Suggestions_order_by_score_then_year_then_title_and_respect_max()
    {
        EvidenceCandidate Named(int id, string title, int? year) => Candidate(id, title, year) with { Aliases = ["NurOwn"] };
        var candidates = new[]
        {
            Named(1, "Zeta", 2020),
            Named(2, "Alpha", 2020),
            Named(3, "Beta", 2016),
            Named(4, "Gamma", null),
            Named(5, "Delta", 2022) with { PhaseText = "Phase 2" },
        };

        var result = Suggest("NurOwn in phase 2.", candidates);

        result.Select(s => s.Candidate.Id).Should().Equal(5, 3, 2, 1, 4);
        result[0].Score.Should().Be(EvidenceSuggester.FirstAlias + EvidenceSuggester.PhaseExact);
        result.Skip(1).Should().OnlyContain(s => s.Score == EvidenceSuggester.FirstAlias);

        EvidenceSuggester.Suggest(ClaimContext.Of("NurOwn in phase 2."), candidates, max: 2).Select(s => s.Candidate.Id).Should().Equal(5, 3);
        EvidenceSuggester.Suggest(ClaimContext.Of("NurOwn in phase 2."), candidates, max: 0).Should().BeEmpty();
        FluentActions.Invoking(() => EvidenceSuggester.Suggest(ClaimContext.Of("NurOwn"), candidates, max: -1))
            .Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Study_and_trial_entities_become_candidates_with_unloaded_lists_treated_as_empty()
    {
        var trial = new Trial
        {
            Id = 3,
            NctId = "nct06973629",
            Phase = TrialPhase.Phase3,
            PhaseText = "Phase 3b (REC-06)",
            Enrollment = 200,
            Sponsor = "Brainstorm-Cell Therapeutics",
            Intervention = "MSC-NTF (debamestrocel, NurOwn), intrathecal",
        };
        var study = new Study
        {
            Id = 11,
            Title = "A Phase II Study of Intrathecal Autologous Adipose-derived Mesenchymal Stromal Cells",
            Authors = "Mayo Clinic (PI Nathan P. Staff); AAN 2024 abstract: Staff N, Oskarsson B, Muzyka I, et al.",
            Year = 2017,
            PhaseText = "Phase 2",
            Pmid = "PMID: 027784774",
            Doi = "https://doi.org/10.1212/WNL.0000000000003359",
            Trials = null!,
        };

        var fromTrial = EvidenceCandidate.FromTrial(trial);
        var fromStudy = EvidenceCandidate.FromStudy(study);

        fromTrial.Should().BeEquivalentTo(new { Kind = EvidenceKind.Trial, Id = 3, Title = "NCT06973629", Phase = TrialPhase.Phase3, Participants = 200 });
        fromTrial.NctIds.Should().Equal("NCT06973629");
        fromTrial.Aliases.Should().Contain(["MSC-NTF", "NurOwn", "debamestrocel", "BrainStorm Cell Therapeutics", "BrainStorm"],
            "the sponsor and its first word, spelt as the list of known sponsors spells them");

        fromStudy.AuthorSurnames.Should().Equal("Staff", "Oskarsson", "Muzyka");
        fromStudy.AuthorGivenNames.Should().Equal("Nathan");
        fromStudy.Aliases.Should().Equal("Mayo Clinic");
        fromStudy.Pmid.Should().Be("27784774");
        fromStudy.Doi.Should().Be("10.1212/wnl.0000000000003359");
        fromStudy.NctIds.Should().BeEmpty();
        fromStudy.Phase.Should().Be(TrialPhase.Phase2);
    }

    [Fact]
    public void Seed_library_candidates_carry_their_names_and_trials()
    {
        var rec01 = SeedLibrary.Study("REC-01");
        rec01.AuthorSurnames.Should().Equal("Petrou", "Gothelf", "Argov");
        rec01.NctIds.Should().Equal("NCT01051882", "NCT01777646");
        rec01.Aliases.Should().Contain(["NurOwn", "MSC-NTF", "BrainStorm"]);

        SeedLibrary.Study("REC-13").AuthorSurnames.Should().Contain("Zdolińska-Malinowska");
        SeedLibrary.Study("REC-19").AuthorSurnames.Should().StartWith("Abdul Wahid");
        SeedLibrary.Study("REC-09").Aliases.Should().Contain(["NeuroNata-R", "lenzumestrocel", "Corestem", "CorestemChemon", "ALSUMMIT"]);
        SeedLibrary.Study("REC-06").AuthorSurnames.Should().BeEmpty("a sponsor is not a person");
        SeedLibrary.Trial("NCT04745299").Aliases.Should().Contain(["NeuroNata-R", "CorestemChemon"]);
        SeedLibrary.Study("REC-05").Phase.Should().BeNull("“Expanded access (post phase 3), not a trial” is not a phase");
        SeedLibrary.Study("REC-01").Phase.Should().BeNull("two trials at different phases");
        SeedLibrary.Study("REC-06").Phase.Should().Be(TrialPhase.Phase3);
    }
}

/// <summary>The real reference library as the suggester sees it: the seeds' entities (<see cref="SeedRecords"/>, the importer's mapping) as candidates.</summary>
internal static class SeedLibrary
{
    private static readonly Lazy<List<EvidenceCandidate>> AllCandidates = new(() =>
        [.. SeedRecords.Studies.Select(EvidenceCandidate.FromStudy), .. SeedRecords.Trials.Select(EvidenceCandidate.FromTrial)]);
    private static readonly Lazy<EvidenceIndex> LazyIndex = new(() => new EvidenceIndex(AllCandidates.Value));

    public static IReadOnlyList<EvidenceCandidate> Candidates => AllCandidates.Value;

    public static EvidenceIndex Index => LazyIndex.Value;

    public static EvidenceCandidate Study(string libraryId)
    {
        var id = SeedRecords.Study(libraryId).Id;
        return Candidates.Single(c => c.Kind == EvidenceKind.Study && c.Id == id);
    }

    public static EvidenceCandidate Trial(string nct) =>
        Candidates.Single(c => c.Kind == EvidenceKind.Trial && c.NctIds.Contains(nct));
}
