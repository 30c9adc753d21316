using System.Text.Json;
using System.Text.RegularExpressions;

namespace KnowledgeBase.Interchange.Parsing;

/// <summary>
/// Recognises a bibliographic file's format from its content; the file name's extension only breaks ties between
/// formats the content fits equally (or names the JSON flavour of an otherwise empty JSON file).
/// </summary>
public static partial class BibFormatDetector
{
    /// <summary>Only the start of a file is examined.</summary>
    public const int ScanLimit = 256 * 1024;

    /// <summary>The format <paramref name="text"/> is written in, or null when none fits.</summary>
    public static BibFormat? Detect(string text, string? fileName)
    {
        var head = BibText.StripBom(text ?? "");
        if (head.Length > ScanLimit) head = head[..ScanLimit];
        var trimmed = head.TrimStart();
        if (trimmed.Length == 0) return null;
        var extensionFormat = FromExtension(fileName);

        if (trimmed[0] is '{' or '[')
        {
            var jsonFallback = extensionFormat is BibFormat.CslJson or BibFormat.ClinicalTrialsGov ? extensionFormat : null;
            if (JsonShape(text!) is { } shape) return shape.Format ?? (shape.Empty ? jsonFallback : null);
            // Not JSON (or cut short): its keys are all there is to go by, and the parser names the line where it breaks.
            if (head.Contains("\"protocolSection\"", StringComparison.Ordinal)) return BibFormat.ClinicalTrialsGov;
            if (CslKey().IsMatch(head)) return BibFormat.CslJson;
            if (head.Contains("\"studies\"", StringComparison.Ordinal)) return BibFormat.ClinicalTrialsGov;
            return jsonFallback;
        }

        var candidates = new List<(BibFormat Format, int Position)>();
        if (RisStart().Match(head) is { Success: true } ris) candidates.Add((BibFormat.Ris, ris.Index));
        if (BibTexEntry().Match(head) is { Success: true } bib) candidates.Add((BibFormat.BibTex, bib.Index));
        if (MedlinePmid().Match(head) is { Success: true } pmid)
        {
            candidates.Add((BibFormat.Medline, pmid.Index));
        }
        else
        {
            var tags = MedlineTag().Matches(head).Take(16).ToList();
            if (tags.Select(t => t.Groups[1].Value).Distinct(StringComparer.Ordinal).Count() >= 2)
                candidates.Add((BibFormat.Medline, tags[0].Index));
        }

        if (WebOfScienceStart().Match(head) is { Success: true } wos && WebOfScienceEnd().IsMatch(head))
            candidates.Add((BibFormat.WebOfScience, wos.Index));
        if (candidates.Count == 0) return TaggedWithoutStart(head);
        if (candidates.Count == 1) return candidates[0].Format;
        if (extensionFormat is { } preferred && candidates.Exists(c => c.Format == preferred)) return preferred;
        return candidates.MinBy(c => c.Position).Format;
    }

    /// <summary>
    /// The format a JSON document's structure shows, judged on its first item, not on a key appearing anywhere (a
    /// registry study's references have a "citation", a CSL item's note may quote "protocolSection"): a study object
    /// with "protocolSection", an array of them, or an API page {"studies": [...]} is ClinicalTrials.gov; an item or
    /// array of items with CSL's keys at their top level is CSL-JSON. Null when the text is not valid JSON; Empty when
    /// there is no item to judge by (then the extension decides).
    /// </summary>
    internal static (BibFormat? Format, bool Empty)? JsonShape(string text)
    {
        using var document = JsonInput.TryParse(text, "", out _, out _);
        if (document is null) return null;
        var root = document.RootElement;
        var item = root;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("studies", out var studies) && studies.ValueKind == JsonValueKind.Array)
        {
            if (studies.GetArrayLength() == 0) return (BibFormat.ClinicalTrialsGov, false);
            item = studies[0];
        }
        else if (root.ValueKind == JsonValueKind.Array)
        {
            if (root.GetArrayLength() == 0) return (null, true);
            item = root[0];
        }
        if (item.ValueKind != JsonValueKind.Object) return (null, false);
        if (item.TryGetProperty("protocolSection", out _)) return (BibFormat.ClinicalTrialsGov, false);
        foreach (var property in item.EnumerateObject())
        {
            if (property.Name is "type" or "title" or "author" or "issued" or "container-title" or "DOI" or "editor") return (BibFormat.CslJson, false);
        }
        return (null, false);
    }

    /// <summary>
    /// A file most of whose first lines are tagged fields ("JF  - ...", "PMCR- ...") but that no format's start fits: a
    /// RIS export that lost its "TY  - " lines, MEDLINE without a PMID. Read as the format its tags belong to (four-letter
    /// tags are MEDLINE's, two-letter ones RIS's), so its parser refuses what it cannot read, naming the line, instead of
    /// the file becoming an article.
    /// </summary>
    private static BibFormat? TaggedWithoutStart(string head)
    {
        var lines = head.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).Take(40).ToList();
        var tagged = lines.Select(l => AnyTag().Match(l)).Where(m => m.Success).ToList();
        if (tagged.Count < 3 || tagged.Count * 2 < lines.Count(l => !l.StartsWith(' '))) return null;
        return tagged.Any(m => m.Groups[1].Value.Length > 2) ? BibFormat.Medline : BibFormat.Ris;
    }

    /// <summary>The format a file name's extension suggests: .ris, .bib/.bibtex, .nbib/.medline/.txt, .json.</summary>
    public static BibFormat? FromExtension(string? fileName)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        return extension switch
        {
            ".ris" => BibFormat.Ris,
            ".bib" or ".bibtex" or ".biblatex" => BibFormat.BibTex,
            ".nbib" or ".medline" or ".txt" => BibFormat.Medline,
            ".json" or ".csl" or ".csljson" => fileName!.Contains("NCT", StringComparison.OrdinalIgnoreCase) || fileName.Contains("ctgov", StringComparison.OrdinalIgnoreCase)
                ? BibFormat.ClinicalTrialsGov
                : BibFormat.CslJson,
            _ => null,
        };
    }

    [GeneratedRegex(@"^TY {1,2}- ?", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex RisStart();

    [GeneratedRegex(@"^[ \t]*@[A-Za-z]{2,20}[ \t]*[{(]", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex BibTexEntry();

    [GeneratedRegex(@"^PMID- ?[0-9]", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex MedlinePmid();

    // Web of Science: "PT J" starts a record (J journal, B book, S series, P patent), "ER" alone ends it.
    [GeneratedRegex(@"^PT [A-Z][ \t]*\r?$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex WebOfScienceStart();

    [GeneratedRegex(@"^(?:ER[ \t]*\r?$|TI |AU |SO |UT )", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex WebOfScienceEnd();

    // A tagged field of RIS ("JF  - x", "ER  -") or MEDLINE ("PMCR- x", "FAU -"): a 2-4 character tag, padding, a hyphen.
    [GeneratedRegex(@"^([A-Z][A-Z0-9]{1,3}) {0,3}-(?: |$)", RegexOptions.CultureInvariant)]
    private static partial Regex AnyTag();

    // MEDLINE-only tags (TI, AU, AB, DP are shared with RIS and prove nothing on their own).
    [GeneratedRegex(@"^(FAU |OWN |STAT|DCOM|LID |AID |JT  |SO  |PG  |PST |JID |MH  |EDAT|CRDT|TA  )-(?: |\r?$)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex MedlineTag();

    [GeneratedRegex(@"""(?:type|title|author|issued|container-title)""[ \t\r\n]*:", RegexOptions.CultureInvariant)]
    private static partial Regex CslKey();
}
