using System.Text;
using System.Text.RegularExpressions;

namespace KnowledgeBase.Linking;

/// <summary>
/// Finds the product, code and sponsor names in a record's text (cell type, title, short label, sponsor)
/// by their shape rather than by a table per record:
/// <list type="bullet">
/// <item>brand names with an inner capital: "NurOwn", "NeuroNata-R", "CorestemChemon", "BrainStorm";</item>
/// <item>development codes: upper-case parts joined by hyphens ("MSC-NTF", "HYNR-CS", "NSI-566"), unless every part is a generic abbreviation ("BM-MSC");</item>
/// <item>international non-proprietary names of cell and gene therapies, which end in "-cel" or "-gene" ("lenzumestrocel", "debamestrocel");</item>
/// <item>trial acronyms: upper-case words of 6 letters or more in titles and labels ("ENDURANCE", "ALSUMMIT"), unless the text is written in capitals;</item>
/// <item>the names in <see cref="KnownProducts"/> and <see cref="KnownSponsors"/>, a small general list of ALS cell-therapy
/// products and companies whose names have none of these shapes ("Corestem"); a name is only taken when the record's text contains it.</item>
/// </list>
/// Matching is on the compact form (<see cref="Compact"/>): case, hyphens, spaces and ® are ignored.
/// </summary>
public static partial class ProductAliases
{
    /// <summary>ALS cell-therapy products (and their codes) known under names a shape rule might miss.</summary>
    public static IReadOnlyList<string> KnownProducts { get; } =
    [
        "NurOwn", "MSC-NTF", "debamestrocel", "NeuroNata-R", "lenzumestrocel", "HYNR-CS", "NSI-566", "AstroRx",
    ];

    /// <summary>Companies developing ALS cell therapies.</summary>
    public static IReadOnlyList<string> KnownSponsors { get; } =
    [
        "BrainStorm", "BrainStorm Cell Therapeutics", "Corestem", "CorestemChemon", "Corestem Chemon", "Neuralstem", "Kadimastem",
    ];

    private static readonly Dictionary<string, string> KnownSpellings = KnownProducts.Concat(KnownSponsors)
        .DistinctBy(Compact, StringComparer.Ordinal)
        .ToDictionary(Compact, n => n, StringComparer.Ordinal);

    private static readonly HashSet<string> KnownProductKeys = KnownProducts.Select(Compact).ToHashSet(StringComparer.Ordinal);
    private static readonly HashSet<string> KnownSponsorKeys = KnownSponsors.Select(Compact).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Abbreviations too generic to make a hyphenated code distinctive on their own: cell and route abbreviations,
    /// and the families of molecules and viruses whose numbered members ("IL-17", "TNF-α", "COVID-19", "HPV-16") are
    /// topics, not products.
    /// </summary>
    private static readonly HashSet<string> GenericCodeParts = new(StringComparer.Ordinal)
    {
        "MSC", "MSCS", "BM", "UC", "WJ", "AD", "IT", "IM", "IV", "CSF", "NSC", "NSCS", "ALS", "MND", "FRS", "ALSFRS", "RCT", "US", "UK", "EU",
        "IL", "TNF", "TGF", "IFN", "CD", "HLA", "MHC", "TLR", "COVID", "SARS", "MERS", "HIV", "HPV", "HBV", "HCV", "EBV", "CMV", "HSV",
    };

    /// <summary>Shaped words that are not products.</summary>
    private static readonly HashSet<string> NotProducts = new(StringComparer.Ordinal)
    {
        "clinicaltrials", "pubmed", "medline", "researchgate", "whatsapp", "unverified", "alsfrs", "alsfrsr",
    };

    /// <summary>Words that make a sponsor's first word a generic one ("University of ...", "Mayo Clinic").</summary>
    private static readonly HashSet<string> GenericOrganisationWords = new(StringComparer.Ordinal)
    {
        "university", "clinic", "hospital", "national", "institute", "medical", "center", "centre", "department", "foundation",
        "association", "society", "committee", "advisory", "cellular", "therapeutics", "international", "american", "european",
        "federal", "general", "regional", "research",
    };

    /// <summary>Words that mark an alias as a company or organisation.</summary>
    private static readonly HashSet<string> OrganisationWords = new(StringComparer.Ordinal)
    {
        "therapeutics", "inc", "ltd", "llc", "pharma", "pharmaceuticals", "biosciences", "biotech", "biotechnology", "clinic",
        "hospital", "university", "corporation", "corp", "gmbh", "sa", "ag", "co",
    };

    /// <summary>Product, code and sponsor names found in <paramref name="texts"/>, first spelling kept, duplicates (by compact form) dropped.</summary>
    public static IReadOnlyList<string> Find(params IEnumerable<string?> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var found = new List<string>();
        foreach (var text in texts)
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            var tokens = TokenPattern().Matches(text).Select(m => CleanToken(m.Value)).Where(t => t.Length > 0).ToList();
            var shouted = IsShouted(text);
            for (var i = 0; i < tokens.Count; i++)
            {
                if (IsShapedName(tokens[i], shouted)) found.Add(tokens[i]);
                for (var n = 1; n <= 3 && i + n <= tokens.Count; n++)
                {
                    var phrase = string.Join(' ', tokens.Skip(i).Take(n));
                    var key = Compact(phrase);
                    if (KnownProductKeys.Contains(key) || KnownSponsorKeys.Contains(key)) found.Add(phrase);
                }
            }
        }

        return Distinct(found);
    }

    /// <summary>An organisation's own name and, when distinctive, its first word ("Brainstorm-Cell Therapeutics" → also "Brainstorm").</summary>
    public static IReadOnlyList<string> FromOrganisation(string? organisation)
    {
        if (string.IsNullOrWhiteSpace(organisation)) return [];
        var name = organisation.Trim().TrimEnd('.', ',', ';', ':');
        var aliases = new List<string> { name };
        var first = name.Split([' ', '-', '/'], StringSplitOptions.RemoveEmptyEntries)[0];
        var firstKey = Compact(first);
        if (firstKey.Length >= 6 && first.All(char.IsLetter) && !GenericOrganisationWords.Contains(firstKey)) aliases.Add(first);
        aliases.AddRange(Find(name));
        return Distinct(aliases);
    }

    /// <summary>
    /// Whether an alias names a company or organisation (a sponsor) rather than a product: a known sponsor, a
    /// name of several words ("Mayo Clinic", "Acme Biologics": product names are single words or codes), or one
    /// with a company word ("Brainstorm-Cell Therapeutics").
    /// </summary>
    public static bool IsSponsor(string alias)
    {
        ArgumentNullException.ThrowIfNull(alias);
        if (KnownSponsorKeys.Contains(Compact(alias))) return true;
        if (KnownProductKeys.Contains(Compact(alias))) return false;
        var words = alias.Split([' ', '-', ',', '.'], StringSplitOptions.RemoveEmptyEntries);
        return alias.Trim().Contains(' ', StringComparison.Ordinal) || words.Skip(1).Any(w => OrganisationWords.Contains(NameSimilarity.Fold(w)));
    }

    /// <summary>Lower case letters and digits only, diacritics folded: "NeuroNata-R®" → "neuronatar".</summary>
    public static string Compact(string? text) => NameSimilarity.Fold(text);

    /// <summary>A text written mostly in capitals ("HIGHER DOSES LOWER THE RISK ..."), where a long upper-case word is no acronym.</summary>
    private static bool IsShouted(string text)
    {
        int upper = 0, letters = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            if (char.IsUpper(c)) upper++;
        }

        return letters >= 12 && upper * 2 > letters;
    }

    private static bool IsShapedName(string token, bool shouted)
    {
        var key = Compact(token);
        if (key.Length < 4 || NotProducts.Contains(key)) return false;
        if (InnerCapitalPattern().IsMatch(token)) return true;
        if (InnPattern().IsMatch(token)) return true;
        if (CodePattern().IsMatch(token))
            return token.Split('-').Any(part => !GenericCodeParts.Contains(part) && !part.All(char.IsAsciiDigit));
        return !shouted && AcronymPattern().IsMatch(token);
    }

    private static string CleanToken(string token)
    {
        var sb = new StringBuilder(token.Length);
        foreach (var c in token)
        {
            if (c is '®' or '™') continue;
            sb.Append(c);
        }

        return sb.ToString().Trim('.', ',', ':', ';', '!', '?', '\'', '"', '’', '-', '–');
    }

    /// <summary>Names of at least 4 letters, one per compact form, spelt as <see cref="KnownProducts"/> / <see cref="KnownSponsors"/> spell them when listed there.</summary>
    private static List<string> Distinct(IEnumerable<string> names) =>
        names.Where(n => Compact(n).Length >= 4)
            .Select(n => KnownSpellings.TryGetValue(Compact(n), out var known) ? known : n)
            .DistinctBy(Compact, StringComparer.Ordinal)
            .ToList();

    /// <summary>Runs of letters, digits, hyphens, dots, apostrophes and ®.</summary>
    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}\-'’.®™]*", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    /// <summary>Capital, at least two lower-case letters, then another capital: "NurOwn", "NeuroNata-R", "CorestemChemon".</summary>
    [GeneratedRegex(@"^\p{Lu}\p{Ll}{2,}\p{Lu}[\p{L}\p{N}\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex InnerCapitalPattern();

    [GeneratedRegex(@"^[A-Za-z][a-z]{5,}(?:cel|gene)$", RegexOptions.CultureInvariant)]
    private static partial Regex InnPattern();

    [GeneratedRegex(@"^[A-Z][A-Z0-9]+(?:-[A-Z0-9]{2,})+$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^[A-Z]{6,}$", RegexOptions.CultureInvariant)]
    private static partial Regex AcronymPattern();
}
