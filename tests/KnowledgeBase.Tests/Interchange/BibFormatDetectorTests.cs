using KnowledgeBase.Interchange;
using KnowledgeBase.Interchange.Parsing;

namespace KnowledgeBase.Tests.Interchange;

public sealed class BibFormatDetectorTests
{
    [Theory]
    [InlineData("references.ris", BibFormat.Ris)]
    [InlineData("pubmed.nbib", BibFormat.Medline)]
    [InlineData("references.bib", BibFormat.BibTex)]
    [InlineData("broken.bib", BibFormat.BibTex)]
    [InlineData("references.csl.json", BibFormat.CslJson)]
    [InlineData("NCT03280056.json", BibFormat.ClinicalTrialsGov)]
    public void Detects_each_sample_from_its_content_whatever_its_name(string sample, BibFormat expected)
    {
        var text = ParserSamples.Read(sample);

        BibFormatDetector.Detect(text, sample).Should().Be(expected);
        BibFormatDetector.Detect(text, null).Should().Be(expected);
        BibFormatDetector.Detect(text, "export.dat").Should().Be(expected);
        BibFormatDetector.Detect("\uFEFF" + text, "download.txt").Should().Be(expected);
    }

    [Fact]
    public void Content_beats_a_misleading_extension()
    {
        BibFormatDetector.Detect(ParserSamples.Read("references.ris"), "references.bib").Should().Be(BibFormat.Ris);
        BibFormatDetector.Detect(ParserSamples.Read("pubmed.nbib"), "pubmed.ris").Should().Be(BibFormat.Medline);
        BibFormatDetector.Detect(ParserSamples.Read("references.bib"), "refs.json").Should().Be(BibFormat.BibTex);
    }

    [Fact]
    public void Does_not_take_a_Zotero_RIS_file_with_TI_and_DP_lines_for_MEDLINE()
    {
        var ris = "TY  - JOUR\nTI  - Title\nDP  - PubMed\nAU  - Petrou, Panayiota\nER  - \n";

        BibFormatDetector.Detect(ris, "export.txt").Should().Be(BibFormat.Ris);
    }

    [Fact]
    public void Detects_MEDLINE_without_a_PMID_line_from_its_own_tags()
    {
        BibFormatDetector.Detect("TI  - A title.\nFAU - Petrou, Panayiota\nJT  - JAMA neurology\n", null).Should().Be(BibFormat.Medline);
    }

    [Fact]
    public void Uses_the_extension_to_break_a_tie()
    {
        // A BibTeX file whose abstract quotes RIS, and the reverse.
        var bibtexFirst = "@article{k, title = {T}, abstract = {\nTY  - JOUR\n}}";
        var risFirst = "TY  - JOUR\nTI  - T\nAB  - see\n@article{k,\nER  - \n";

        BibFormatDetector.Detect(bibtexFirst, "refs.ris").Should().Be(BibFormat.Ris);
        BibFormatDetector.Detect(bibtexFirst, "refs.bib").Should().Be(BibFormat.BibTex);
        BibFormatDetector.Detect(bibtexFirst, null).Should().Be(BibFormat.BibTex, "without an extension the earliest signal wins");
        BibFormatDetector.Detect(risFirst, null).Should().Be(BibFormat.Ris);
    }

    [Theory]
    [InlineData("{\"protocolSection\": {\"identificationModule\": {\"nctId\": \"NCT03280056\"}}}", BibFormat.ClinicalTrialsGov)]
    [InlineData("[{\"protocolSection\": {}}]", BibFormat.ClinicalTrialsGov)]
    [InlineData("{\"studies\": [{\"protocolSection\": {}}], \"nextPageToken\": \"x\"}", BibFormat.ClinicalTrialsGov)]
    [InlineData("{\"studies\": []}", BibFormat.ClinicalTrialsGov)]
    [InlineData("{\"id\": \"x\", \"type\": \"article-journal\", \"title\": \"T\"}", BibFormat.CslJson)]
    [InlineData("[\n  {\"title\" : \"T\", \"author\": []}\n]", BibFormat.CslJson)]
    [InlineData("[{\"title\": \"truncated", BibFormat.CslJson)]
    public void Tells_CSL_JSON_from_ClinicalTrials_gov_JSON(string json, BibFormat expected)
    {
        BibFormatDetector.Detect(json, null).Should().Be(expected);
    }

    [Theory]
    [InlineData("[]", "refs.json", BibFormat.CslJson)]
    [InlineData("[]", "NCT03280056.json", BibFormat.ClinicalTrialsGov)]
    [InlineData("[]", null, null)]
    [InlineData("{\"name\": \"package\"}", null, null)]
    public void Names_the_flavour_of_JSON_without_telling_keys_only_from_the_extension(string json, string? fileName, BibFormat? expected)
    {
        BibFormatDetector.Detect(json, fileName).Should().Be(expected);
    }

    [Theory]
    [InlineData("", "refs.ris")]
    [InlineData("   \n\t", "refs.bib")]
    [InlineData("\u0000\u0001\u00FF\uFFFD PK\u0003\u0004 binary", "refs.ris")]
    [InlineData("Just some prose about stem cells. Mail me at someone@example.org.", "notes.txt")]
    [InlineData("Petrou P, Gothelf Y, Argov Z, et al. JAMA Neurol. 2016;73(3):337-344.", null)]
    public void Returns_null_when_no_format_fits(string text, string? fileName)
    {
        BibFormatDetector.Detect(text, fileName).Should().BeNull();
    }

    [Theory]
    [InlineData("refs.RIS", BibFormat.Ris)]
    [InlineData("refs.bib", BibFormat.BibTex)]
    [InlineData("pubmed-als-set.nbib", BibFormat.Medline)]
    [InlineData("pubmed.txt", BibFormat.Medline)]
    [InlineData("zotero.json", BibFormat.CslJson)]
    [InlineData("refs.pdf", null)]
    [InlineData(null, null)]
    public void Maps_extensions(string? fileName, BibFormat? expected)
    {
        BibFormatDetector.FromExtension(fileName).Should().Be(expected);
    }
}
