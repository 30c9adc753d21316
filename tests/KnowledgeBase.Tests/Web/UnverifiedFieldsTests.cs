using KnowledgeBase.Web.Features.Studies;

namespace KnowledgeBase.Tests.Web;

public sealed class UnverifiedFieldsTests
{
    // Notes as the curators wrote them in seeds/reference-library.json.
    [Theory]
    [InlineData("PMID", new[] { RecordField.Pmid })]
    [InlineData("DOI", new[] { RecordField.Doi })]
    [InlineData("end page", new[] { RecordField.Pages })]
    [InlineData("full author list", new[] { RecordField.Authors })]
    [InlineData("N enrolled", new[] { RecordField.Participants })]
    [InlineData("actual N randomized", new[] { RecordField.Participants })]
    [InlineData("results", new[] { RecordField.MainResults })]
    [InlineData("6-month ALSFRS-R result wording", new[] { RecordField.MainResults })]
    [InlineData("protocol authors, PMID", new[] { RecordField.Authors, RecordField.Pmid })]
    [InlineData("authors, title, journal, year, PMID", new[] { RecordField.Authors, RecordField.Title, RecordField.Journal, RecordField.Year, RecordField.Pmid })]
    [InlineData("volume/article number, DOI, PMID", new[] { RecordField.Volume, RecordField.Pages, RecordField.Doi, RecordField.Pmid })]
    [InlineData("volume/issue/pages (UMass repository gives publication date 2022-01-05; Scopus record: 12 pages)", new[] { RecordField.Volume, RecordField.Issue, RecordField.Pages })]
    [InlineData("volume (12 inferred from 2021)", new[] { RecordField.Volume })]
    [InlineData("year inferred from Neurology vol 93 (2019) and trial dates", new[] { RecordField.Year })]
    [InlineData("PMID taken from the URL of a PubMed mirror page showing this abstract", new[] { RecordField.Pmid })]
    [InlineData("exact press-release date (2025; petition coverage dated July 2025)", new[] { RecordField.Year })]
    [InlineData("exact date of BLA withdrawal", new[] { RecordField.MainResults })]
    [InlineData("age range 20-75 stated in seed 001", new[] { RecordField.ParticipantsDetail })]
    [InlineData("\"70% decrease in risk of death\" (hazard ratio) — not in abstract", new[] { RecordField.MainResults })]
    [InlineData("trial registration for the 67-patient analysis (the group's earlier 43-patient safety study is NCT02881476, REC-27)", new[] { RecordField.NctId })]
    public void Names_the_fields_a_curators_note_puts_in_doubt(string note, RecordField[] expected)
    {
        UnverifiedFields.Match(note).Should().BeEquivalentTo(expected);
    }

    [Fact]
    public void All_except_citation_puts_every_other_field_in_doubt()
    {
        var fields = UnverifiedFields.Match("all except citation");

        fields.Should().Contain([RecordField.Design, RecordField.Participants, RecordField.Route, RecordField.Dosing, RecordField.MainResults, RecordField.Pmid]);
        fields.Should().NotContain([RecordField.Authors, RecordField.Title, RecordField.Journal, RecordField.Year, RecordField.Volume, RecordField.Issue, RecordField.Pages]);
    }

    [Fact]
    public void Quoted_text_is_a_quotation_not_a_field_name()
    {
        UnverifiedFields.Match("exact \"13 of 15\" count (only 87% verified)").Should().BeEquivalentTo([RecordField.MainResults]);
        UnverifiedFields.Match("the \"title\" wording").Should().NotContain(RecordField.Title);
    }

    [Fact]
    public void Pmcid_is_not_mistaken_for_pmid()
    {
        UnverifiedFields.Match("PMCID").Should().BeEquivalentTo([RecordField.Pmcid]);
    }

    [Fact]
    public void A_note_naming_no_field_matches_nothing()
    {
        UnverifiedFields.Match("something else entirely").Should().BeEmpty();
    }

    [Fact]
    public void Notes_are_matched_together()
    {
        UnverifiedFields.Match(["PMID", "DOI", "end page"]).Should().BeEquivalentTo([RecordField.Pmid, RecordField.Doi, RecordField.Pages]);
    }

    [Fact]
    public void Trial_notes_prefixed_with_the_record_id_still_match()
    {
        UnverifiedFields.Match("REC-09: actual N randomized").Should().BeEquivalentTo([RecordField.Participants]);
    }

    [Theory]
    [InlineData("e2294-(end page UNVERIFIED)", true)]
    [InlineData("12 (inferred)", true)]
    [InlineData("autologous bone marrow (presumed)", true)]
    [InlineData("(title not retrieved) — safety of intrathecal Wharton's jelly-derived MSC in ALS", true)]
    [InlineData("(Neural Regeneration Research — UNVERIFIED)", true)]
    [InlineData("337-344", false)]
    [InlineData("inferior vena cava", false)]
    [InlineData(null, false)]
    public void Recognises_values_that_hedge_themselves(string? value, bool hedged)
    {
        UnverifiedFields.IsHedged(value).Should().Be(hedged);
    }
}
