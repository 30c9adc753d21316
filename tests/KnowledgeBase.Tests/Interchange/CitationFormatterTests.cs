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
        CitationFormatter.AmaHtml(SeedReferences.Get("REC-03")).Should().Contain(" <i>Muscle &amp; Nerve</i>. Published online 2022. doi:10.1002/mus.27472");
        CitationFormatter.AmaHtml(new BibRecord { Title = "a < b", Journal = "J<script>", Url = "https://e.org/?a=1&b=2" })
            .Should().Be("a &lt; b. <i>J&lt;script&gt;</i>. https://e.org/?a=1&amp;b=2");
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
        // The style's CSL file prints a report's publisher and year, not its genre or number; the NCT id is in the address.
        CitationFormatter.Ama(SeedReferences.Get("REC-06")).Should().EndWith(
            "(ENDURANCE). Brainstorm-Cell Therapeutics; 2025. https://clinicaltrials.gov/study/NCT06973629");
        CitationFormatter.Ama(SeedReferences.Get("REC-05")).Should().Be(
            "BrainStorm Cell Therapeutics. BrainStorm Announces New Survival Data from Expanded Access Program Cohort. 2025.");
        CitationFormatter.Ama(SeedReferences.Get("REC-04")).Should().Be(
            "U.S. FDA Cellular, Tissue and Gene Therapies Advisory Committee. Advisory committee meeting on BLA for NurOwn (debamestrocel) for ALS. Published online 2023.");
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

    // ---------------------------------------------------------------- rules both styles take from their CSL files

    [Fact]
    public void Ama_says_published_online_when_a_journal_article_or_document_has_no_volume_or_issue()
    {
        CitationFormatter.Ama(new BibRecord { Title = "T", Journal = "Journal", Year = 2019, Pages = "C1" })
            .Should().Be("T. Journal. Published online 2019:C1.");
        CitationFormatter.Ama(new BibRecord { Title = "T", Journal = "Journal", Year = 2016, Month = 3, Day = 4 })
            .Should().Be("T. Journal. Published online March 4, 2016.");
        CitationFormatter.Ama(new BibRecord { Title = "A book", Year = 2006 }).Should().Be("A book. Published online 2006.");
        CitationFormatter.Ama(new BibRecord { Title = "T", Journal = "Journal", Year = 2016, Issue = "2" }).Should().Be("T. Journal. 2016;(2).");
        CitationFormatter.Ama(new BibRecord { Title = "A series", Year = 2000, Volume = "7" }).Should().Be("A series. 2000;7.");
        CitationFormatter.Ama(new BibRecord { Title = "Undated pages", Pages = "232-239" }).Should().Be("Undated pages. 232-239.");
    }

    [Fact]
    public void Ama_strips_periods_from_the_journal_unless_a_lower_case_letter_follows()
    {
        CitationFormatter.Ama(new BibRecord { Title = "T", Journal = "J. Phys. D: Appl. Phys.", Year = 2013, Volume = "46" })
            .Should().Be("T. J Phys D: Appl Phys. 2013;46.");
        CitationFormatter.Ama(new BibRecord { Title = "T", Journal = "Example.org Dictionary", Year = 2013, Volume = "1" })
            .Should().Be("T. Example.org Dictionary. 2013;1.");
        CitationFormatter.Vancouver(new BibRecord { Title = "T", Journal = "Example.org Dictionary", Year = 2013 })
            .Should().Be("T. Example.org Dictionary. 2013.");
    }

    [Fact]
    public void Page_ranges_are_minimal_in_vancouver_and_in_full_in_ama()
    {
        BibRecord Pages(string pages) => new() { Title = "T", Journal = "J", Year = 2001, Volume = "5", Pages = pages };
        CitationFormatter.Vancouver(Pages("S723-S726")).Should().Be("T. J. 2001;5:S723–6.");
        CitationFormatter.Vancouver(Pages("512-512")).Should().Be("T. J. 2001;5:512–512.");
        CitationFormatter.Vancouver(Pages("411-436, 701-723")).Should().Be("T. J. 2001;5:411–36, 701–23.");
        CitationFormatter.Vancouver(Pages("98-102")).Should().Be("T. J. 2001;5:98–102.");
        CitationFormatter.Vancouver(Pages("-")).Should().Be("T. J. 2001;5.");
        CitationFormatter.Vancouver(Pages("1") with { Volume = "X-12", Issue = "4" }).Should().Be("T. J. 2001;X–12(4):1.", "citeproc-js reads X as a Roman numeral");
        CitationFormatter.Vancouver(Pages("1") with { Volume = "B-12" }).Should().Be("T. J. 2001;B-12:1.");
        CitationFormatter.Ama(Pages("2345-9")).Should().Be("T. J. 2001;5:2345-2349.");
        CitationFormatter.Ama(Pages("K201-K4")).Should().Be("T. J. 2001;5:K201-K204.");
        CitationFormatter.Ama(Pages("K201-4")).Should().Be("T. J. 2001;5:K201-4.", "citeproc-js leaves a range alone when only one end has the letter");
        CitationFormatter.Ama(Pages("AB12-03")).Should().Be("T. J. 2001;5:AB12-03.");
        CitationFormatter.Ama(Pages("-")).Should().Be("T. J. 2001;5.");
    }

    [Fact]
    public void Vancouver_prints_the_volume_of_a_record_that_is_not_a_journal_article()
    {
        CitationFormatter.Vancouver(new BibRecord { Title = "A book", Volume = "18", Year = 2012, Pages = "312" }).Should().Be("A book. Vol. 18. 2012. p. 312.");
        CitationFormatter.Vancouver(new BibRecord { Title = "A book", Volume = "I", Year = 1990 }).Should().Be("A book. I. 1990.");
        CitationFormatter.Vancouver(new BibRecord { Title = "T", Journal = "J", Volume = "18", Year = 2012 }).Should().Be("T. J. 2012;18.");
    }

    [Fact]
    public void Years_before_500_and_before_christ_carry_their_era()
    {
        CitationFormatter.Vancouver(new BibRecord { Title = "Old", Year = -250 }).Should().Be("Old. 250 BC.");
        CitationFormatter.Vancouver(new BibRecord { Title = "Old", Year = 42 }).Should().Be("Old. 42 AD.");
        CitationFormatter.Ama(new BibRecord { Title = "Old", Year = -250 }).Should().Be("Old. Published online 250 BC.");
        CitationFormatter.Vancouver(new BibRecord { Title = "New", Year = 1500 }).Should().Be("New. 1500.");
    }

    [Fact]
    public void Quotes_and_apostrophes_are_typographic_in_names_and_titles_and_a_period_goes_inside_a_closing_quote()
    {
        var record = new BibRecord { Title = "The patients' view of “care”", Authors = [new PersonName("O'Brien", "P")], Journal = "J", Year = 2001, Volume = "1" };
        CitationFormatter.Vancouver(record).Should().Be("O’Brien P. The patients’ view of “care.” J. 2001;1.");
        CitationFormatter.Ama(record).Should().Be("O’Brien P. The patients’ view of “care.” J. 2001;1.");
        CitationFormatter.Ama(record with { Title = "On ‘care’" }).Should().StartWith("O’Brien P. On ‘care.’ J.");
    }

    [Fact]
    public void Inline_markup_in_a_title_is_dropped_from_the_text()
    {
        CitationFormatter.Vancouver(new BibRecord { Title = "Growth of <i>E. coli</i> in H<sub>2</sub>O", Journal = "J", Year = 2001 })
            .Should().Be("Growth of E. coli in H2O. J. 2001.");
        CitationFormatter.AmaHtml(new BibRecord { Title = "A <b>bold</b> claim", Journal = "J", Year = 2001, Volume = "1" })
            .Should().Be("A bold claim. <i>J</i>. 2001;1.");
    }

    [Fact]
    public void Ama_report_has_its_title_in_title_case_then_publisher_and_year()
    {
        var trial = new BibRecord
        {
            Kind = BibRecordKind.RegisteredTrial,
            Title = "A low-intensity intervention for pain in adults: a randomized trial of the effect",
            Sponsor = "Example Hospital",
            NctIds = ["NCT01234567"],
            Year = 2021,
            Url = "https://clinicaltrials.gov/study/NCT01234567",
        };
        CitationFormatter.Ama(trial).Should().Be(
            "A Low-Intensity Intervention for Pain in Adults: A Randomized Trial of the Effect. Example Hospital; 2021. https://clinicaltrials.gov/study/NCT01234567");
        CitationFormatter.AmaHtml(trial).Should().StartWith("<i>A Low-Intensity Intervention");
        CitationFormatter.Ama(trial with { Title = "mRNA and NCT ids in a title", Volume = "2" }).Should().StartWith("mRNA and NCT Ids in a Title. Vol 2. Example Hospital; 2021.");
    }
}
