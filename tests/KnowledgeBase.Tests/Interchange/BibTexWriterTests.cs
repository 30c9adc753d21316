using KnowledgeBase.Interchange;
using KnowledgeBase.Interchange.Writing;

namespace KnowledgeBase.Tests.Interchange;

public sealed class BibTexWriterTests
{
    private static string Write(params BibRecord[] records)
    {
        using var writer = new StringWriter();
        BibTexWriter.Write(records, writer);
        return writer.ToString();
    }

    [Fact]
    public void Writes_a_journal_article_with_braced_values_and_identifiers()
    {
        var bib = Write(SeedReferences.Get("REC-01"));

        bib.Should().StartWith("@article{petrou2016safety,\n");
        bib.Should().Contain("  author = {Petrou, P. and Gothelf, Y. and Argov, Z. and others},\n");
        bib.Should().Contain("  journal = {JAMA Neurology},\n");
        bib.Should().Contain("  year = {2016},\n").And.Contain("  volume = {73},\n").And.Contain("  number = {3},\n");
        bib.Should().Contain("  pages = {337--344},\n");
        bib.Should().Contain("  doi = {10.1001/jamaneurol.2015.4321},\n");
        bib.Should().Contain("  pmid = {26751635},\n").And.Contain("  eprint = {26751635},\n").And.Contain("  eprinttype = {pubmed},\n");
        bib.Should().Contain("  url = {https://doi.org/10.1001/jamaneurol.2015.4321},\n");
        bib.Should().Contain("  note = {ClinicalTrials.gov identifier: NCT01051882, NCT01777646. Authors: full author list not retrieved.");
        bib.Should().EndWith("}\n\n");
    }

    [Fact]
    public void Escapes_LaTeX_specials_and_keeps_Unicode()
    {
        BibTexWriter.Escape(@"50% & $5 #1 a_b {x} ~ ^ \").Should().Be(@"50\% \& \$5 \#1 a\_b \{x\} \textasciitilde{} \textasciicircum{} \textbackslash{}");

        var bib = Write(SeedReferences.Get("REC-03"), SeedReferences.Get("REC-13"));
        bib.Should().Contain("  journal = {Muscle \\& Nerve},\n");
        bib.Should().Contain("Zdolińska-Malinowska, I.", "Unicode is kept as UTF-8 for biber");
    }

    [Fact]
    public void Protects_capitalised_words_in_titles_and_braces_group_authors()
    {
        var bib = Write(SeedReferences.Get("REC-04"), SeedReferences.Get("REC-02"));
        bib.Should().Contain("  author = {{U.S. FDA Cellular, Tissue and Gene Therapies Advisory Committee}},\n");
        bib.Should().Contain("title = {Advisory committee meeting on {BLA} for {NurOwn} (debamestrocel) for {ALS}},");
        bib.Should().Contain("title = {{NurOwn}, phase 2, randomized, clinical trial in patients with {ALS}: Safety, clinical, and biomarker results},");
    }

    [Fact]
    public void Keys_are_unique_and_stable_with_letter_suffixes()
    {
        var record = new BibRecord { Title = "The Same Study", Authors = [new PersonName("Zdolińska-Malinowska", "I.")], Year = 2020 };
        var bib = Write(record, record, record, record with { Year = 2021 });
        bib.Should().Contain("@misc{zdolinskamalinowska2020same,\n")
            .And.Contain("@misc{zdolinskamalinowska2020sameb,\n")
            .And.Contain("@misc{zdolinskamalinowska2020samec,\n")
            .And.Contain("@misc{zdolinskamalinowska2021same,\n");

        var keys = Write([.. SeedReferences.Records]).Split('\n').Where(l => l.StartsWith('@')).ToList();
        keys.Should().HaveCount(22).And.OnlyHaveUniqueItems();
        keys.Should().Contain("@misc{brainstorm2025two,", "a registry entry without people is keyed by its sponsor");
        keys.Should().Contain("@article{anon2022efficacy,", "a record without any author is 'anon'");
    }

    [Fact]
    public void A_common_key_takes_the_next_free_suffix_after_keys_other_records_hold()
    {
        PersonName[] smith = [new PersonName("Smith", "J.")];
        var stemc = new BibRecord { Title = "Stemc therapy", Authors = smith, Year = 2019 };
        var stem = new BibRecord { Title = "Stem cells", Authors = smith, Year = 2019 };
        var stemb = new BibRecord { Title = "Stemb therapy", Authors = smith, Year = 2019 };

        var keys = Write(stemc, stem, stem, stem, stemb, stem).Split('\n').Where(l => l.StartsWith('@')).ToList();

        // "smith2019stemc" is another record's own key, so the third "Stem cells" skips it; "smith2019stemb" was given
        // as a suffix, so the record whose own key it is gets a suffix too.
        keys.Should().Equal(
            "@misc{smith2019stemc,", "@misc{smith2019stem,", "@misc{smith2019stemb,", "@misc{smith2019stemd,",
            "@misc{smith2019stembb,", "@misc{smith2019steme,");
    }

    [Fact]
    public void Values_without_specials_are_written_as_they_are_and_ligatures_are_still_broken()
    {
        BibTexWriter.Escape("Safety of MSC in ALS: a phase 2 trial").Should().Be("Safety of MSC in ALS: a phase 2 trial");
        BibTexWriter.Escape("pages 10--12, ``quoted'' text").Should().Be("pages 10-{}-12, `{}`quoted'{}' text");
        BibTexWriter.Escape("a---b").Should().Be("a-{}-{}-b");
    }

    [Fact]
    public void Others_only_when_truncated_and_trials_are_misc_with_the_registry()
    {
        var bib = Write(SeedReferences.Get("REC-06"));
        bib.Should().StartWith("@misc{brainstorm2025two,\n");
        bib.Should().Contain("  howpublished = {Clinical trial registration, ClinicalTrials.gov},\n");
        bib.Should().Contain("  organization = {Brainstorm-Cell Therapeutics},\n");
        bib.Should().Contain("  note = {ClinicalTrials.gov identifier: NCT06973629.");
        bib.Should().NotContain("author =");

        Write(SeedReferences.Get("REC-02")).Should().NotContain("others");
    }

    [Fact]
    public void Month_is_a_macro_and_verbatim_fields_are_not_escaped()
    {
        var bib = Write(new BibRecord
        {
            Title = "T",
            Journal = "J",
            Year = 2016,
            Month = 3,
            Doi = "10.1000/a_b",
            Url = "https://example.org/a_b?x=1&y={2}",
            Keywords = ["ALS", "MSC"],
            Abstract = "Rate fell by 50%.",
        });
        bib.Should().Contain("  month = mar,\n");
        bib.Should().Contain("  doi = {10.1000/a_b},\n");
        bib.Should().Contain("  url = {https://example.org/a_b?x=1&y=%7B2%7D},\n");
        bib.Should().Contain("  keywords = {ALS, MSC},\n");
        bib.Should().Contain("  abstract = {Rate fell by 50\\%.},\n");
    }
}
