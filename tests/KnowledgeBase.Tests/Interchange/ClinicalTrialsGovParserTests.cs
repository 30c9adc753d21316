using System.Diagnostics;
using KnowledgeBase.Domain;
using KnowledgeBase.Interchange;
using KnowledgeBase.Interchange.Parsing;

namespace KnowledgeBase.Tests.Interchange;

public sealed class ClinicalTrialsGovParserTests
{
    private static string SampleJson => ParserSamples.Read("NCT03280056.json");

    // A second real registration (NurOwn phase 3b ENDURANCE, not yet recruiting), trimmed to the fields used here.
    private const string Endurance = """
        {
          "protocolSection": {
            "identificationModule": {
              "nctId": "NCT06973629",
              "briefTitle": "Efficacy and Safety of MSC-NTF (NurOwn) in Participants With Early Symptomatic ALS (ENDURANCE)"
            },
            "statusModule": { "overallStatus": "NOT_YET_RECRUITING", "startDateStruct": { "date": "2025-06-30", "type": "ESTIMATED" } },
            "sponsorCollaboratorsModule": { "leadSponsor": { "name": "Brainstorm-Cell Therapeutics", "class": "INDUSTRY" } },
            "designModule": { "studyType": "INTERVENTIONAL", "phases": ["PHASE3"] }
          }
        }
        """;

    private static BibRecord WithDesign(string designModule)
    {
        var json = $$$"""{"protocolSection": {"identificationModule": {"nctId": "NCT01051882", "briefTitle": "T"}, "designModule": {{{designModule}}}}}""";
        return ClinicalTrialsGovParser.Parse(json).Entries.Single().Record;
    }

    [Fact]
    public void Reads_a_single_v2_study()
    {
        var result = ClinicalTrialsGovParser.Parse(SampleJson);

        result.Format.Should().Be(BibFormat.ClinicalTrialsGov);
        result.Errors.Should().BeEmpty();
        var entry = result.Entries.Should().ContainSingle().Subject;
        entry.Line.Should().Be(1);
        var trial = entry.Record;
        trial.Kind.Should().Be(BibRecordKind.RegisteredTrial);
        trial.SourceKey.Should().Be("NCT03280056");
        trial.NctIds.Should().Equal("NCT03280056");
        trial.Url.Should().Be("https://clinicaltrials.gov/study/NCT03280056");
        trial.Title.Should().Be("A Phase 3, Randomized, Double-blind, Placebo-controlled Multicenter Study to Evaluate Efficacy and Safety of Repeated Administration of NurOwn® (MSC-NTF Cells) in Participants With ALS");
        trial.Status.Should().Be("Completed");
        (trial.Year, trial.Month).Should().Be((2017, 8));
        trial.Phase.Should().Be(TrialPhase.Phase3);
        trial.PhaseText.Should().Be("Phase 3");
        trial.Enrollment.Should().Be(196);
        trial.Sponsor.Should().Be("Brainstorm-Cell Therapeutics");
        trial.Design.Should().Be("Interventional; Allocation: Randomized; Intervention model: Parallel; Masking: Quadruple (Participant, Care provider, Investigator, Outcomes assessor); Primary purpose: Treatment");
        trial.Interventions.Should().Equal("MSC-NTF cells", "Placebo");
        trial.Conditions.Should().Equal("Amyotrophic Lateral Sclerosis");
        trial.Keywords.Should().Equal("ALS", "NurOwn", "MSC-NTF");
        trial.Abstract.Should().StartWith("Phase 3, randomized, double-blind");
        trial.Authors.Should().BeEmpty();
        trial.ResultsPosted.Should().BeTrue("the study says hasResults: true");
    }

    [Fact]
    public void Posted_results_are_unknown_when_the_study_does_not_say() =>
        WithDesign("{}").ResultsPosted.Should().BeNull();

    [Fact]
    public void Lists_result_references_but_not_background_ones_as_referenced_PMIDs()
    {
        var trial = ClinicalTrialsGovParser.Parse(SampleJson).Entries.Single().Record;

        trial.ReferencedPmids.Should().Equal("34890069");
    }

    [Fact]
    public void Falls_back_to_the_brief_title_without_an_official_one()
    {
        var trial = ClinicalTrialsGovParser.Parse(Endurance).Entries.Single().Record;

        trial.Title.Should().Be("Efficacy and Safety of MSC-NTF (NurOwn) in Participants With Early Symptomatic ALS (ENDURANCE)");
        trial.Status.Should().Be("Not yet recruiting");
        (trial.Year, trial.Month, trial.Day).Should().Be((2025, 6, 30));
        trial.Enrollment.Should().BeNull();
    }

    [Fact]
    public void Reads_a_page_of_studies_and_a_plain_array_with_lines()
    {
        var page = "{\n\"studies\": [\n" + SampleJson + ",\n" + Endurance + "\n],\n\"nextPageToken\": \"abc\"\n}";
        var array = "[\n" + SampleJson + ",\n" + Endurance + "\n]";
        var sampleLines = SampleJson.ReplaceLineEndings("\n").Split('\n').Length;

        foreach (var text in new[] { page, array })
        {
            var result = ClinicalTrialsGovParser.Parse(text);

            result.Errors.Should().BeEmpty();
            result.Entries.Select(e => e.Record.SourceKey).Should().Equal("NCT03280056", "NCT06973629");
            result.Entries[1].Line.Should().Be(result.Entries[0].Line + sampleLines);
        }
        ClinicalTrialsGovParser.Parse(page).Entries[0].Line.Should().Be(3);
        ClinicalTrialsGovParser.Parse(array).Entries[0].Line.Should().Be(2);
    }

    [Theory]
    [InlineData("ACTIVE_NOT_RECRUITING", "Active, not recruiting")]
    [InlineData("COMPLETED", "Completed")]
    [InlineData("RECRUITING", "Recruiting")]
    [InlineData("NOT_YET_RECRUITING", "Not yet recruiting")]
    [InlineData("ENROLLING_BY_INVITATION", "Enrolling by invitation")]
    [InlineData("TERMINATED", "Terminated")]
    [InlineData("WITHDRAWN", "Withdrawn")]
    [InlineData("UNKNOWN", "Unknown status")]
    [InlineData("Active, not recruiting", "Active, not recruiting")]
    public void Turns_status_codes_into_registry_wording(string code, string expected)
    {
        ClinicalTrialsGovParser.StatusText(code).Should().Be(expected);
    }

    [Theory]
    [InlineData("[\"PHASE1\", \"PHASE2\"]", TrialPhase.Phase1Phase2, "Phase 1/Phase 2")]
    [InlineData("[\"PHASE2\", \"PHASE3\"]", TrialPhase.Phase2Phase3, "Phase 2/Phase 3")]
    [InlineData("[\"EARLY_PHASE1\"]", TrialPhase.EarlyPhase1, "Early Phase 1")]
    [InlineData("[\"NA\"]", TrialPhase.NotApplicable, "Not Applicable")]
    [InlineData("[\"PHASE1\"]", TrialPhase.Phase1, "Phase 1")]
    [InlineData("[\"PHASE2\"]", TrialPhase.Phase2, "Phase 2")]
    [InlineData("[\"PHASE4\"]", TrialPhase.Phase4, "Phase 4")]
    public void Maps_phases(string phases, TrialPhase phase, string text)
    {
        var trial = WithDesign($$"""{"phases": {{phases}}}""");

        (trial.Phase, trial.PhaseText).Should().Be((phase, text));
    }

    [Fact]
    public void Describes_an_observational_design()
    {
        var trial = WithDesign("""{"studyType": "OBSERVATIONAL", "designInfo": {"observationalModel": "CASE_CONTROL", "timePerspective": "RETROSPECTIVE"}}""");

        trial.Design.Should().Be("Observational; Observational model: Case control; Time perspective: Retrospective");
        trial.Phase.Should().BeNull();
    }

    [Fact]
    public void Reports_a_study_without_an_NCT_number_and_keeps_the_others()
    {
        var text = "[\n" + Endurance + ",\n{\"protocolSection\": {\"identificationModule\": {\"briefTitle\": \"No id\"}}},\n{\"derivedSection\": {}}\n]";

        var result = ClinicalTrialsGovParser.Parse(text);

        result.Entries.Should().ContainSingle().Which.Record.SourceKey.Should().Be("NCT06973629");
        result.Errors.Should().HaveCount(2);
        result.Errors[0].Key.Should().Be("No id");
        result.Errors[0].Message.Should().Contain("NCT number");
        result.Errors[1].Message.Should().Contain("protocolSection");
        result.Errors.Select(e => e.Line).Should().BeInAscendingOrder().And.OnlyContain(l => l > 2);
    }

    [Fact]
    public void Reports_invalid_JSON_with_its_line()
    {
        var broken = SampleJson.Replace("\"overallStatus\": \"COMPLETED\",", "\"overallStatus\": COMPLETED,", StringComparison.Ordinal);
        var line = broken.ReplaceLineEndings("\n").Split('\n').ToList().FindIndex(l => l.Contains("COMPLETED", StringComparison.Ordinal)) + 1;

        var result = ClinicalTrialsGovParser.Parse(broken);

        result.Entries.Should().BeEmpty();
        result.Errors.Should().ContainSingle().Which.Line.Should().Be(line);
    }

    [Fact]
    public void Rejects_deeply_nested_JSON()
    {
        var json = string.Concat(Enumerable.Repeat("{\"a\":", 100_000)) + "1" + new string('}', 100_000);

        var result = ClinicalTrialsGovParser.Parse(json);

        result.Entries.Should().BeEmpty();
        result.Errors.Should().ContainSingle();
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"studies\": []}")]
    [InlineData("{\"title\": \"CSL, not a registry record\"}")]
    [InlineData("\u0000\u0001 binary")]
    public void Returns_one_error_and_no_entries_for_input_without_a_study(string text)
    {
        var result = ClinicalTrialsGovParser.Parse(text);

        result.Entries.Should().BeEmpty();
        result.Errors.Should().ContainSingle().Which.Line.Should().Be(1);
    }
}
