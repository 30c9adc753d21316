using System.Diagnostics;
using KnowledgeBase.Interchange;
using KnowledgeBase.Interchange.Parsing;

namespace KnowledgeBase.Tests.Interchange;

public sealed class BibTexParserTests
{
    private static BibParseResult ParseSample() => BibTexParser.Parse(ParserSamples.Read("references.bib"));

    private static BibRecord Entry(string key) => ParseSample().Entries.Single(e => e.Record.SourceKey == key).Record;

    private static BibRecord Single(string bibtex)
    {
        var result = BibTexParser.Parse(bibtex);
        result.Errors.Should().BeEmpty();
        return result.Entries.Should().ContainSingle().Subject.Record;
    }

    [Fact]
    public void Reads_every_sample_entry_and_skips_comments_preamble_and_strings()
    {
        var result = ParseSample();

        result.Format.Should().Be(BibFormat.BibTex);
        result.Errors.Should().BeEmpty();
        result.Entries.Select(e => (e.Record.SourceKey, e.Line)).Should().Equal(
            ("petrou2016", 11), ("barczewska2020", 30), ("oh2015", 43), ("cudkowicz2022", 56),
            ("tang2017", 65), ("staff2024", 76), ("nct06973629", 84), ("abdulwahid2019", 92));
    }

    [Fact]
    public void Reads_an_article_with_macros_and_others()
    {
        var petrou = Entry("petrou2016");

        petrou.Title.Should().Be("Safety and Clinical Effects of Mesenchymal Stem Cells Secreting Neurotrophic Factor Transplantation in Patients With Amyotrophic Lateral Sclerosis: Results of Phase 1/2 and 2a Clinical Trials");
        petrou.Authors.Should().Equal(new PersonName("Petrou", "Panayiota"), new PersonName("Gothelf", "Yael"), new PersonName("Argov", "Zohar"));
        petrou.AuthorsTruncated.Should().BeTrue();
        petrou.Journal.Should().Be("JAMA Neurology");
        petrou.JournalAbbreviation.Should().Be("JAMA Neurol");
        (petrou.Year, petrou.Month).Should().Be((2016, 3));
        (petrou.Volume, petrou.Issue, petrou.Pages).Should().Be(("73", "3", "337-344"));
        petrou.Doi.Should().Be("10.1001/jamaneurol.2015.4321");
        petrou.Pmid.Should().Be("26751635", "eprint with eprinttype = {pubmed} is a PubMed id");
        petrou.NctIds.Should().Equal("NCT01051882", "NCT01777646");
        petrou.Keywords.Should().Equal("amyotrophic lateral sclerosis", "mesenchymal stem cells", "NurOwn");
        petrou.Note.Should().BeNull("a note that only lists trial registrations becomes the NCT ids");
        petrou.PublicationType.Should().Be("article");
        petrou.Kind.Should().Be(BibRecordKind.Publication);
    }

    [Fact]
    public void Converts_LaTeX_accents_in_names_and_concatenated_string_macros()
    {
        var barczewska = Entry("barczewska2020");

        barczewska.Authors.Should().Equal(
            new PersonName("Barczewska", "Monika"),
            new PersonName("Maksymowicz", "Stanisław"),
            new PersonName("Zdolińska-Malinowska", "Izabela"),
            new PersonName("Siwek", "Tomasz"),
            new PersonName("Grudniak", "Mariusz"));
        barczewska.Journal.Should().Be("Stem Cell Reviews and Reports");
        (barczewska.Year, barczewska.Month).Should().Be((2020, 10));
        (barczewska.Volume, barczewska.Issue, barczewska.Pages).Should().Be(("16", "5", "922-932"));
        barczewska.Pmid.Should().Be("32725316");
        barczewska.Pmcid.Should().Be("PMC7456414");
        barczewska.Title.Should().Be("Umbilical Cord Mesenchymal Stem Cells in Amyotrophic Lateral Sclerosis: an Original Study");
    }

    [Fact]
    public void Reads_given_family_names_a_braced_month_and_identifiers_from_url_and_note()
    {
        var oh = Entry("oh2015");

        oh.Authors.Should().HaveCount(9);
        oh.Authors[0].Should().Be(new PersonName("Oh", "K. W."));
        oh.Authors[^1].Should().Be(new PersonName("Kim", "S. H."));
        oh.Title.Should().Be("Phase I trial of repeated intrathecal autologous bone marrow-derived mesenchymal stromal cells in amyotrophic lateral sclerosis");
        (oh.Year, oh.Month).Should().Be((2015, 6));
        oh.Doi.Should().Be("10.5966/sctm.2014-0212");
        oh.Url.Should().Be("https://doi.org/10.5966/sctm.2014-0212");
        oh.Pmid.Should().Be("25934946");
        oh.NctIds.Should().Equal("NCT01363401");
        oh.Note.Should().Be("PMID: 25934946.");
    }

    [Fact]
    public void Unescapes_ampersands_and_turns_double_hyphens_in_titles_into_en_dashes()
    {
        Entry("cudkowicz2022").Journal.Should().Be("Muscle & Nerve");
        Entry("cudkowicz2022").Authors.Should().HaveCount(21);
        Entry("cudkowicz2022").Pmcid.Should().Be("PMC9305113");
        Entry("tang2017").Title.Should().Be("The use of mesenchymal stem cells (MSCs) for amyotrophic lateral sclerosis (ALS) therapy – a perspective on cell biological mechanisms");
        Entry("tang2017").Authors.Should().Equal(new PersonName("Tang", "Bor Luen"));
    }

    [Fact]
    public void Reads_inproceedings_with_the_booktitle_as_container()
    {
        var staff = Entry("staff2024");

        staff.PublicationType.Should().Be("inproceedings");
        staff.Journal.Should().Be("American Academy of Neurology 2024 Annual Meeting");
        staff.Authors.Should().Equal(new PersonName("Staff", "Nathan P."), new PersonName("Oskarsson", "Björn"), new PersonName("Muzyka", "Iryna"));
        staff.AuthorsTruncated.Should().BeTrue();
        staff.Title.Should().Be("A Phase II Study of Intrathecal Autologous Adipose-derived Mesenchymal Stromal Cells for Amyotrophic Lateral Sclerosis");
        staff.NctIds.Should().Equal("NCT03268603");
    }

    [Fact]
    public void Reads_an_online_registry_entry_as_a_registered_trial_with_a_group_author()
    {
        var trial = Entry("nct06973629");

        trial.Kind.Should().Be(BibRecordKind.RegisteredTrial);
        trial.PublicationType.Should().Be("online");
        trial.Authors.Should().BeEmpty();
        trial.CorporateAuthor.Should().Be("Brainstorm-Cell Therapeutics");
        trial.NctIds.Should().Equal("NCT06973629");
        trial.Url.Should().Be("https://clinicaltrials.gov/study/NCT06973629");
        trial.Title.Should().EndWith("Participants With Early Symptomatic and Moderate Disease Presentation in ALS (ENDURANCE)");
    }

    [Fact]
    public void Reads_a_misc_entry_with_a_braced_family_name_and_a_url_in_howpublished()
    {
        var review = Entry("abdulwahid2019");

        review.PublicationType.Should().Be("misc");
        review.Authors[0].Should().Be(new PersonName("Abdul Wahid", "S. F."));
        review.Url.Should().Be("https://doi.org/10.1002/14651858.CD011742.pub3");
        review.Doi.Should().Be("10.1002/14651858.cd011742.pub3");
        (review.Year, review.Issue, review.Pages).Should().Be((2019, "12", "CD011742"));
    }

    [Fact]
    public void Reads_a_misc_registry_entry_with_its_sponsor_and_escaped_characters()
    {
        var record = Single("""
            @misc{brainstorm2017phase,
              title = {A Phase 3 Study of {NurOwn}® in {ALS}: 100\% \& \$5 \#1 under\_score \textasciitilde{}x \textasciicircum{}y a-{}-b},
              howpublished = {Clinical trial registration, ClinicalTrials.gov},
              organization = {Brainstorm-Cell Therapeutics},
              year = {2017},
              note = {ClinicalTrials.gov identifier: NCT03280056. Not confirmed: start month},
            }
            """);

        record.Kind.Should().Be(BibRecordKind.RegisteredTrial);
        record.Title.Should().Be("A Phase 3 Study of NurOwn® in ALS: 100% & $5 #1 under_score ~x ^y a--b");
        record.Sponsor.Should().Be("Brainstorm-Cell Therapeutics");
        record.NctIds.Should().Equal("NCT03280056");
        record.Note.Should().Be("Not confirmed: start month");
        record.PublicationType.Should().Be("Clinical trial registration, ClinicalTrials.gov");
    }

    [Fact]
    public void Keeps_the_name_of_an_undefined_macro()
    {
        Single("@article{k, title = {T}, journal = neurology}").Journal.Should().Be("neurology");
    }

    [Theory]
    [InlineData(@"Z{\'e}ro", "Zéro")]
    [InlineData(@"\'{e}", "é")]
    [InlineData(@"Sch\""{o}n", "Schön")]
    [InlineData(@"M{\""u}ller", "Müller")]
    [InlineData(@"{\l}{\'o}d{\'z}", "łódź")]
    [InlineData(@"Espa\~na", "España")]
    [InlineData(@"Stra{\ss}e", "Straße")]
    [InlineData(@"Gar\c{c}on", "Garçon")]
    [InlineData(@"Gar\c con", "Garçon")]
    [InlineData(@"\k{a}\v{s}\u{g}\H{o}\r{a}", "ąšğőå")]
    [InlineData(@"Mart{\'\i}nez", "Martínez")]
    [InlineData(@"Research \& Development 100\%", "Research & Development 100%")]
    [InlineData(@"{NurOwn} in {ALS}", "NurOwn in ALS")]
    [InlineData(@"\emph{in vivo} and \textit{ex vivo}", "in vivo and ex vivo")]
    [InlineData(@"$\alpha$-synuclein", "α-synuclein")]
    [InlineData(@"pre--post---end", "pre–post—end")]
    [InlineData(@"``quoted''", "“quoted”")]
    [InlineData(@"{\O}stergaard \AA{}se", "Østergaard Åse")]
    public void Converts_LaTeX_to_Unicode(string latex, string expected)
    {
        Single($"@article{{k, title = {{{latex}}}}}").Title.Should().Be(expected);
    }

    [Fact]
    public void Keeps_a_single_hyphen_in_pages_for_double_and_single_hyphens()
    {
        Single("@article{k, title = {T}, pages = {337--344}}").Pages.Should().Be("337-344");
        Single("@article{k, title = {T}, pages = \"e2294-e2305\"}").Pages.Should().Be("e2294-e2305");
    }

    [Theory]
    [InlineData("Petrou, Panayiota", "Petrou", "Panayiota")]
    [InlineData("Panayiota Petrou", "Petrou", "Panayiota")]
    [InlineData("Ludwig van Beethoven", "van Beethoven", "Ludwig")]
    [InlineData("van Beethoven, Ludwig", "van Beethoven", "Ludwig")]
    [InlineData("Brown, Jr., Robert H.", "Brown", "Robert H.")]
    [InlineData("Brown, Robert H., Jr.", "Brown", "Jr.")]
    [InlineData("Zdoli{\\'n}ska-Malinowska, Izabela", "Zdolińska-Malinowska", "Izabela")]
    [InlineData("Plato", "Plato", null)]
    public void Reads_the_BibTeX_name_forms(string name, string family, string? given)
    {
        Single($"@article{{k, title = {{T}}, author = {{{name}}}}}").Authors.Should().Equal(new PersonName(family, given));
    }

    [Fact]
    public void Reads_quoted_and_parenthesised_entries_dates_and_bare_values()
    {
        var record = Single("@Article(petrou2016, Title = \"Safety of {MSC-NTF} \\\"{o}\" # \" cells\", Date = {2016-03-01}, VOLUME = 73)");

        record.Title.Should().Be("Safety of MSC-NTF ö cells");
        (record.Year, record.Month, record.Day).Should().Be((2016, 3, 1));
        record.Volume.Should().Be("73");
    }

    [Fact]
    public void Reads_a_date_field_with_year_and_month_only()
    {
        var record = Single("@online{k, title = {T}, date = {2016-03}}");

        (record.Year, record.Month, record.Day).Should().Be((2016, 3, (int?)null));
    }

    [Fact]
    public void Reports_an_unbalanced_brace_with_line_and_key_and_reads_the_other_entries()
    {
        var result = BibTexParser.Parse(ParserSamples.Read("broken.bib"));

        result.Entries.Select(e => e.Record.SourceKey).Should().Equal("goutman2015", "castrillo2010");
        result.Entries.Select(e => e.Line).Should().Equal(1, 19);
        result.Errors.Should().HaveCount(2);
        result.Errors[0].Line.Should().Be(12);
        result.Errors[0].Key.Should().Be("ciervo2017");
        result.Errors[0].Message.Should().Contain("not closed").And.Contain("line 19");
        result.Errors[1].Line.Should().Be(30);
        result.Errors[1].Key.Should().Be("tang2017");
        result.Errors[1].Message.Should().Contain("file ends");
    }

    [Fact]
    public void Reports_a_value_whose_brace_never_closes_before_the_next_entry()
    {
        var text = "@article{a,\n  title = {Open {brace},\n  year = 2016,\n\n@article{b, title = {Kept}}\n";

        var result = BibTexParser.Parse(text);

        result.Entries.Should().ContainSingle().Which.Record.Title.Should().Be("Kept");
        var error = result.Errors.Should().ContainSingle().Subject;
        (error.Line, error.Key).Should().Be((1, "a"));
        error.Message.Should().Contain("title").And.Contain("line 2");
    }

    [Fact]
    public void Reports_an_entry_without_a_title()
    {
        var result = BibTexParser.Parse("@article{ciervo2017, journal = {Molecular Neurodegeneration}, year = 2017}\n@article{b, title = {Kept}}");

        result.Entries.Should().ContainSingle();
        result.Errors.Should().ContainSingle().Which.Should().Be(new EntryError(1, "ciervo2017", "Entry 'ciervo2017' has no title."));
    }

    [Fact]
    public void Rejects_braces_nested_too_deeply()
    {
        var text = "@article{deep, title = " + new string('{', 100_000) + new string('}', 100_000) + "}\n@article{b, title = {Kept}}";

        var result = BibTexParser.Parse(text);

        result.Entries.Should().ContainSingle().Which.Record.Title.Should().Be("Kept");
        result.Errors.Should().ContainSingle().Which.Message.Should().Contain("deep");
    }

    [Fact]
    public void Handles_many_unclosed_entries()
    {
        var text = string.Concat(Enumerable.Repeat("@article{x, title = {unclosed\n", 20_000));

        var result = BibTexParser.Parse(text);

        result.Errors.Should().HaveCountLessThanOrEqualTo(200);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\u0000\u0001\u00FF\uFFFD binary @ \u0000")]
    [InlineData("% only a comment, mail me at someone@example.org")]
    public void Returns_one_error_and_no_entries_for_input_without_an_entry(string text)
    {
        var result = BibTexParser.Parse(text);

        result.Entries.Should().BeEmpty();
        result.Errors.Should().ContainSingle().Which.Line.Should().Be(1);
    }

    [Fact]
    public void A_crossref_child_inherits_what_it_lacks_and_an_in_book_child_takes_the_parent_title_as_its_container()
    {
        // The parent comes after its children, as BibTeX requires.
        var result = BibTexParser.Parse("""
            @inproceedings{smith2001,
              author = {Smith, Ann},
              title = {Cell counts after intrathecal injection},
              pages = {12--19},
              crossref = {neuro2001}
            }
            @incollection{untitled-chapter,
              author = {Jones, Bo},
              crossref = {neuro2001}
            }
            @proceedings{neuro2001,
              title = {Proceedings of the Neurology Meeting},
              subtitle = {Cell Therapies},
              year = {2001},
              publisher = {Example Press},
              doi = {10.1234/neuro.2001}
            }
            """);

        var child = result.Entries.Single(e => e.Record.SourceKey == "smith2001").Record;
        child.Title.Should().Be("Cell counts after intrathecal injection", "the child keeps its own title");
        child.Journal.Should().Be("Proceedings of the Neurology Meeting: Cell Therapies", "the parent's title and subtitle name the volume it is in");
        child.Year.Should().Be(2001);
        child.Doi.Should().Be("10.1234/neuro.2001");
        child.Pages.Should().Be("12-19");
        result.Errors.Should().ContainSingle(e => e.Key == "untitled-chapter", "a chapter never takes the book's title as its own")
            .Which.Message.Should().Contain("has no title");
        result.Entries.Should().Contain(e => e.Record.SourceKey == "neuro2001");
    }

    [Fact]
    public void A_missing_or_circular_crossref_is_named_and_never_loops()
    {
        var result = BibTexParser.Parse("""
            @article{self, title = {Loops}, year = {1999}, crossref = {self}}
            @article{orphan, author = {Lee, Cy}, crossref = {nowhere}}
            """);

        result.Entries.Should().ContainSingle().Which.Record.Title.Should().Be("Loops");
        result.Errors.Should().ContainSingle().Which.Message.Should().Contain("crossref 'nowhere' is not in the file");
    }

    [Fact]
    public void A_biblatex_subtitle_is_part_of_the_title_and_of_the_journal()
    {
        var record = Single("""
            @article{k,
              title = {Stem cells in ALS},
              subtitle = {A five-year follow-up},
              journaltitle = {Neurology Today},
              journalsubtitle = {Clinical Edition},
              date = {2020}
            }
            """);

        record.Title.Should().Be("Stem cells in ALS: A five-year follow-up");
        record.Journal.Should().Be("Neurology Today: Clinical Edition");
    }
}
