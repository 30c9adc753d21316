using KnowledgeBase.Interchange;
using KnowledgeBase.Interchange.Writing;

namespace KnowledgeBase.Tests.Interchange;

public sealed class CitationFormatterTests
{
    private static BibRecord Article(int authors = 3) => new()
    {
        Title = "A trial of things",
        Authors = [.. Enumerable.Range(0, authors).Select(i => new PersonName("Author" + (char)('A' + i), "Jean-Pierre"))],
        Journal = "Journal of Neurology",
        JournalAbbreviation = "J. Neurol.",
        Year = 2016,
        Volume = "73",
        Issue = "3",
        Pages = "337-344",
        Doi = "10.1001/x",
    };

    [Fact]
    public void Vancouver_journal_article_from_the_seed_library()
    {
        CitationFormatter.Vancouver(SeedReferences.Get("REC-01")).Should().Be(
            "Petrou P, Gothelf Y, Argov Z, et al. Safety and Clinical Effects of Mesenchymal Stem Cells Secreting Neurotrophic Factor " +
            "Transplantation in Patients With Amyotrophic Lateral Sclerosis: Results of Phase 1/2 and 2a Clinical Trials. JAMA Neurology. " +
            "2016;73(3):337–44. doi:10.1001/jamaneurol.2015.4321 PubMed PMID: 26751635.");
        CitationFormatter.Vancouver(SeedReferences.Get("REC-19")).Should().Be(
            "Abdul Wahid SF, Law ZK, Ismail NA, Lai NM. Cell-based therapies for amyotrophic lateral sclerosis/motor neuron disease. " +
            "Cochrane Database of Systematic Reviews. 2019;(12):CD011742. doi:10.1002/14651858.cd011742.pub3");
    }

    [Fact]
    public void Vancouver_lists_six_authors_then_et_al_and_prefers_the_abbreviation()
    {
        CitationFormatter.Vancouver(Article(7)).Should().Be(
            "AuthorA JP, AuthorB JP, AuthorC JP, AuthorD JP, AuthorE JP, AuthorF JP, et al. A trial of things. J Neurol. 2016;73(3):337–44. doi:10.1001/x");
        CitationFormatter.Vancouver(Article(6)).Should().StartWith("AuthorA JP, AuthorB JP, AuthorC JP, AuthorD JP, AuthorE JP, AuthorF JP. A trial");
    }

    [Fact]
    public void Vancouver_leaves_out_missing_parts_with_their_punctuation()
    {
        CitationFormatter.Vancouver(new BibRecord { Title = "Only a title" }).Should().Be("Only a title.");
        CitationFormatter.Vancouver(new BibRecord { Title = "Why?", Journal = "Trials", Pages = "e12" }).Should().Be("Why? Trials. e12.");
        CitationFormatter.Vancouver(new BibRecord { Title = "T", Journal = "J", Year = 2020, Month = 3, Day = 5, Issue = "2" })
            .Should().Be("T. J. 2020 Mar 5;(2).");
        CitationFormatter.Vancouver(new BibRecord()).Should().BeEmpty();
    }

    [Fact]
    public void Vancouver_registered_trial_and_press_release()
    {
        CitationFormatter.Vancouver(SeedReferences.Get("REC-11")).Should().Be(
            "A Phase II Study of Intrathecal Autologous Adipose-derived Mesenchymal Stromal Cells for Amyotrophic Lateral Sclerosis " +
            "[Clinical trial registration] [Internet]. Mayo Clinic; 2017. Clinical trial registration no.: NCT03268603. " +
            "Available from: https://clinicaltrials.gov/study/NCT03268603");
        CitationFormatter.Vancouver(SeedReferences.Get("REC-05")).Should().Be(
            "BrainStorm Cell Therapeutics. BrainStorm announces new survival data from Expanded Access Program cohort [Press release]. 2025.");
    }

    [Fact]
    public void Vancouver_marks_an_article_known_only_by_address()
    {
        var record = new BibRecord { Title = "T", Journal = "J", Year = 2010, Volume = "2", Pages = "10-19", Url = "https://example.org/a" };
        CitationFormatter.Vancouver(record).Should().Be("T. J [Internet]. 2010;2:10–9. Available from: https://example.org/a");
    }

    [Fact]
    public void Vancouver_makes_quotes_typographic_as_citeproc_does()
    {
        CitationFormatter.Vancouver(new BibRecord { Title = "The patients' \"view\"" }).Should().Be("The patients’ “view.”", "en-US puts the period inside");
        CitationFormatter.Vancouver(new BibRecord { Title = "A \"nested 'inner' quote\" here", Journal = "J" })
            .Should().Be("A “nested ‘inner’ quote” here. J.");
        CitationFormatter.Vancouver(new BibRecord { Title = "'90s quote's 'single'", Journal = "J" }).Should().Be("’90s quote’s “single.” J.");
    }

    [Fact]
    public void Vancouver_html_encodes_every_value()
    {
        var record = new BibRecord { Title = "<script>alert('x')</script> & more", Journal = "Muscle & Nerve", Year = 2022 };
        var html = CitationFormatter.VancouverHtml(record);
        html.Should().NotContain("<script>").And.Contain("&lt;script&gt;").And.Contain("Muscle &amp; Nerve");
    }

    [Fact]
    public void Ama_journal_article_with_italic_journal_in_html()
    {
        CitationFormatter.Ama(SeedReferences.Get("REC-08")).Should().Be(
            "Oh KW, Noh MY, Kwon MS, et al. Repeated Intrathecal Mesenchymal Stem Cells for Amyotrophic Lateral Sclerosis. " +
            "Annals of Neurology. 2018;84(3):361-373. doi:10.1002/ana.25302");
        CitationFormatter.AmaHtml(SeedReferences.Get("REC-03")).Should().Contain(" <i>Muscle &amp; Nerve</i>. 2022. doi:10.1002/mus.27472");
        CitationFormatter.AmaHtml(new BibRecord { Title = "a < b", Journal = "J<i>", Url = "https://e.org/?a=1&b=2" })
            .Should().Be("a &lt; b. <i>J&lt;i&gt;</i>. https://e.org/?a=1&amp;b=2");
    }

    [Fact]
    public void Ama_lists_up_to_six_authors_and_three_plus_et_al_beyond()
    {
        CitationFormatter.Ama(Article(6)).Should().StartWith("AuthorA JP, AuthorB JP, AuthorC JP, AuthorD JP, AuthorE JP, AuthorF JP. A trial of things. ");
        CitationFormatter.Ama(Article(7)).Should().Be("AuthorA JP, AuthorB JP, AuthorC JP, et al. A trial of things. J Neurol. 2016;73(3):337-344. doi:10.1001/x");
        CitationFormatter.Ama(SeedReferences.Get("REC-10")).Should().StartWith("Staff NP, et al. Safety of intrathecal");
    }

    [Fact]
    public void Ama_registered_trial_press_release_and_regulatory_record()
    {
        CitationFormatter.Ama(SeedReferences.Get("REC-06")).Should().EndWith(
            "(ENDURANCE). ClinicalTrials.gov identifier: NCT06973629. Brainstorm-Cell Therapeutics; 2025. https://clinicaltrials.gov/study/NCT06973629");
        CitationFormatter.Ama(SeedReferences.Get("REC-05")).Should().Be(
            "BrainStorm Cell Therapeutics. BrainStorm announces new survival data from Expanded Access Program cohort. News release. 2025.");
        CitationFormatter.Ama(SeedReferences.Get("REC-04")).Should().Be(
            "U.S. FDA Cellular, Tissue and Gene Therapies Advisory Committee. Advisory committee meeting on BLA for NurOwn (debamestrocel) for ALS. 2023.");
    }

    [Fact]
    public void Ama_leaves_out_missing_parts()
    {
        CitationFormatter.Ama(new BibRecord { Title = "Only a title" }).Should().Be("Only a title.");
        CitationFormatter.Ama(new BibRecord { Title = "T", Journal = "J", Pages = "e5" }).Should().Be("T. J. e5.");
        CitationFormatter.Ama(new BibRecord { Doi = "10.1/x" }).Should().Be("doi:10.1/x");
    }

    [Fact]
    public void Every_seed_record_formats_without_empty_punctuation()
    {
        foreach (var record in SeedReferences.Records)
        {
            foreach (var text in new[] { CitationFormatter.Vancouver(record), CitationFormatter.Ama(record) })
            {
                text.Should().NotBeNullOrWhiteSpace();
                text.Should().NotContain("..").And.NotContain(". .").And.NotContain("()").And.NotContain(";;").And.NotContain("  ").And.NotContain(":.");
            }
        }
    }
}
