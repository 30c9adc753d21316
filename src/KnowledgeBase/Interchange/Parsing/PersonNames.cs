using System.Text;

namespace KnowledgeBase.Interchange.Parsing;

/// <summary>Reads personal and group author names in the forms the tagged formats use.</summary>
internal static class PersonNames
{
    private static readonly string[] CorporateWords =
    [
        "group", "committee", "clinic", "consortium", "investigators", "association", "organization", "organisation",
        "society", "university", "institute", "foundation", "administration", "agency", "council", "network",
        "collaboration", "collaborative", "team", "study", "trial", "inc", "ltd", "llc", "gmbh", "center", "centre",
        "hospital", "department", "ministry", "fda", "nih", "therapeutics", "pharmaceuticals", "corporation",
        "company", "board", "panel", "office", "service", "services", "program", "programme", "project", "working",
    ];

    /// <summary>"et al.", "others", "and others", "et al": the author list is known to be incomplete.</summary>
    public static bool IsEtAl(string? value)
    {
        var v = BibText.Clean(value)?.Trim('.', ',', ' ').ToLowerInvariant();
        return v is "et al" or "others" or "and others" or "et alii" or "et al.";
    }

    /// <summary>True when a name without a comma reads as an organisation ("Mayo Clinic", "ALS Study Group").</summary>
    public static bool LooksCorporate(string? value)
    {
        var v = BibText.Clean(value);
        if (v is null) return false;
        var words = v.Split([' ', ',', '.', '(', ')', '&', '-', '/'], StringSplitOptions.RemoveEmptyEntries);
        return words.Any(w => CorporateWords.Contains(w.ToLowerInvariant()));
    }

    /// <summary>1–4 capital letters, optionally dotted: "P", "KW", "J.D.", "SF".</summary>
    public static bool IsInitials(string token)
    {
        var letters = token.Replace(".", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return letters.Length is >= 1 and <= 4 && letters.All(char.IsUpper);
    }

    /// <summary>"KW" → "K. W."; "P" → "P."; already dotted or spaced initials are kept.</summary>
    public static string DotInitials(string initials)
    {
        if (initials.Contains('.', StringComparison.Ordinal)) return initials;
        var sb = new StringBuilder();
        foreach (var c in initials)
        {
            if (c == '-')
            {
                if (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
                sb.Append('-');
                continue;
            }
            if (sb.Length > 0 && sb[^1] != '-') sb.Append(' ');
            sb.Append(c).Append('.');
        }
        return sb.ToString();
    }

    /// <summary>"Family, Given" (a third part, a suffix such as "Jr.", is dropped); null when nothing usable.</summary>
    public static PersonName? FromInverted(string value)
    {
        var comma = value.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0) return FromFamilyFirst(value);
        var family = BibText.Clean(value[..comma]);
        var rest = value[(comma + 1)..];
        var secondComma = rest.IndexOf(',', StringComparison.Ordinal);
        var given = BibText.Clean(secondComma >= 0 ? rest[..secondComma] : rest);
        if (family is null) return given is null ? null : new PersonName(given);
        return new PersonName(family, given);
    }

    /// <summary>
    /// A name without a comma, family name first: "Petrou P" / "Abdul Wahid SF" (trailing initials, dotted on the way in)
    /// or "Petrou Panayiota" (first word is the family name).
    /// </summary>
    public static PersonName? FromFamilyFirst(string value)
    {
        var tokens = value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (tokens.Length == 0) return null;
        if (tokens.Length == 1) return new PersonName(tokens[0]);
        if (IsInitials(tokens[^1]))
        {
            var initialTokens = tokens.Reverse().TakeWhile(IsInitials).Reverse().ToList();
            if (initialTokens.Count == tokens.Length) initialTokens.RemoveAt(0);
            var familyCount = tokens.Length - initialTokens.Count;
            var given = string.Join(' ', initialTokens.Select(DotInitials));
            return new PersonName(string.Join(' ', tokens[..familyCount]), given);
        }
        return new PersonName(tokens[0], string.Join(' ', tokens[1..]));
    }

    private static readonly string[] Particles = ["van", "von", "de", "der", "den", "da", "das", "di", "del", "della", "dos", "du", "le", "la", "ter", "ten", "bin", "ibn", "al", "el"];

    /// <summary>
    /// A person's name without a comma as RIS, BibTeX and CSL-JSON strings carry it, read by the rule decision 0030
    /// documents: trailing initials mean family name first ("Petrou P", "Penn E.B.", "Abdul Wahid SF"); leading
    /// initials mean given name first ("J.D. Bransford", "JA Smith"); two full words are given name then family name
    /// ("Catarina Barata", as the real RIS samples write them), and so are more when a particle starts the family name
    /// ("Ludwig van Beethoven"). Anything else cannot be told apart and is null: the caller keeps it whole, as a literal.
    /// </summary>
    public static PersonName? FromUninverted(string value)
    {
        var tokens = value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (tokens.Length == 0) return null;
        if (tokens.Length == 1) return new PersonName(tokens[0]);
        if (IsInitials(tokens[^1]) && !IsInitials(tokens[0])) return FromFamilyFirst(value);
        if (IsInitials(tokens[0]) && !IsInitials(tokens[^1]))
        {
            var initialCount = tokens.TakeWhile(IsInitials).Count();
            return new PersonName(string.Join(' ', tokens[initialCount..]), string.Join(' ', tokens[..initialCount].Select(DotInitials)));
        }
        if (tokens.Length == 2) return new PersonName(tokens[1], tokens[0]);
        var particle = Array.FindIndex(tokens, 1, t => Particles.Contains(t, StringComparer.Ordinal));
        if (particle > 0 && particle < tokens.Length - 1) return new PersonName(string.Join(' ', tokens[particle..]), string.Join(' ', tokens[..particle]));
        return null;
    }

    /// <summary>
    /// Sorts one author value of a tagged format (RIS AU, MEDLINE FAU/AU, Web of Science AF/AU) into a person, a group,
    /// or the "et al." marker. <paramref name="familyFirst"/>: the format writes names without a comma family name
    /// first (MEDLINE's AU, "Petrou P"); otherwise <see cref="FromUninverted"/> reads them, and keeps whole what it
    /// cannot read.
    /// </summary>
    public static void AddTagged(string? raw, List<PersonName> people, List<string> groups, ref bool truncated, bool familyFirst = false)
    {
        var value = BibText.Clean(raw);
        if (value is null) return;
        if (IsEtAl(value))
        {
            truncated = true;
            return;
        }
        var comma = value.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || comma == value.Length - 1)
        {
            var bare = value.TrimEnd(',').Trim();
            if (LooksCorporate(bare))
            {
                groups.Add(bare);
                return;
            }
            var person = familyFirst ? FromFamilyFirst(bare) : FromUninverted(bare);
            if (person is not null) people.Add(person);
            else groups.Add(bare);
            return;
        }
        // "U.S. FDA Cellular, Tissue and Gene Therapies Advisory Committee": a group whose name has a comma.
        var before = value[..comma].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var after = value[(comma + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if ((before >= 2 || after >= 3) && LooksCorporate(value))
        {
            groups.Add(value);
            return;
        }
        if (FromInverted(value) is { } inverted) people.Add(inverted);
    }
}
