namespace KnowledgeBase.Interchange.Parsing;

/// <summary>Parses text in a known bibliographic format; see <see cref="BibFormatDetector"/> to find the format.</summary>
public static class BibParsers
{
    public static BibParseResult Parse(string text, BibFormat format) => format switch
    {
        BibFormat.Ris => RisParser.Parse(text),
        BibFormat.BibTex => BibTexParser.Parse(text),
        BibFormat.CslJson => CslJsonParser.Parse(text),
        BibFormat.Medline => MedlineParser.Parse(text),
        BibFormat.ClinicalTrialsGov => ClinicalTrialsGovParser.Parse(text),
        BibFormat.WebOfScience => WebOfScienceParser.Parse(text),
        _ => new BibParseResult(format, [], [new EntryError(1, null, $"Unsupported format {format}.")]),
    };
}
