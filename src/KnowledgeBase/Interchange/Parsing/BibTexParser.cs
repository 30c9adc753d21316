using KnowledgeBase.Domain;
using System.Text;
using System.Text.RegularExpressions;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Interchange.Parsing;

/// <summary>
/// Reads BibTeX and BibLaTeX: @article, @misc, @inproceedings, @online… with braced, quoted, numeric and macro values,
/// @string macros and # concatenation, month macros, "and others", LaTeX accents and protective braces.
/// @comment and @preamble are skipped. A broken entry (unbalanced braces, a missing comma) becomes an error naming its
/// line and key; reading resumes at the next line starting with "@".
/// </summary>
public static partial class BibTexParser
{
    /// <summary>Deepest brace nesting accepted inside a value.</summary>
    public const int MaxBraceDepth = 32;

    private static readonly (string Name, string Value)[] MonthMacros =
    [
        ("jan", "January"), ("feb", "February"), ("mar", "March"), ("apr", "April"), ("may", "May"), ("jun", "June"),
        ("jul", "July"), ("aug", "August"), ("sep", "September"), ("oct", "October"), ("nov", "November"), ("dec", "December"),
    ];

    public static BibParseResult Parse(string text)
    {
        var entries = new List<ParsedEntry>();
        var errors = new List<EntryError>();
        text = BibText.StripBom(text ?? "");
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new EntryError(1, null, "The file is empty: no BibTeX entry found."));
            return new BibParseResult(BibFormat.BibTex, entries, errors);
        }

        var lines = new LineIndex(text);
        var macros = MonthMacros.ToDictionary(m => m.Name, m => m.Value, StringComparer.OrdinalIgnoreCase);
        var sawEntry = false;
        var read = new List<ReadBibEntry>();
        var pos = 0;
        while (pos < text.Length)
        {
            var at = text.IndexOf('@', pos);
            if (at < 0) break;
            var p = at + 1;
            SkipSpace(text, ref p);
            var typeStart = p;
            while (p < text.Length && char.IsAsciiLetter(text[p])) p++;
            var type = text[typeStart..p].ToLowerInvariant();
            SkipSpace(text, ref p);
            if (type.Length == 0 || p >= text.Length || (text[p] != '{' && text[p] != '('))
            {
                pos = at + 1; // an "@" in free text between entries is a comment
                continue;
            }

            sawEntry = true;
            var close = text[p] == '{' ? '}' : ')';
            var line = lines.LineOf(at);
            p++;
            if (type is "comment" or "preamble")
            {
                pos = SkipGroup(text, p, close);
                continue;
            }

            var entry = ReadEntry(text, p, close, isMacro: type == "string", macros, lines);
            pos = entry.End;
            if (entry.Error is not null)
            {
                if (!BibText.AddError(errors, new EntryError(line, entry.Key, entry.Error))) break;
                continue;
            }
            if (type == "string")
            {
                foreach (var (name, value) in entry.Fields) macros[name] = value;
                continue;
            }

            read.Add(new ReadBibEntry(type, entry.Key, entry.Fields, line));
        }

        var byKey = new Dictionary<string, ReadBibEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in read)
            if (e.Key is not null) byKey.TryAdd(e.Key, e);
        foreach (var e in read)
        {
            var record = ToRecord(e.Type, e.Key, Inherited(e, byKey, 0), out var problem);
            if (record is null)
            {
                if (Raw(e.Fields, "crossref") is { } parent && !byKey.ContainsKey(parent))
                    problem += $" Its crossref '{parent}' is not in the file, so nothing could be inherited from it.";
                if (!BibText.AddError(errors, new EntryError(e.Line, e.Key, problem!))) break;
                continue;
            }
            entries.Add(new ParsedEntry(record, e.Line));
        }

        if (!sawEntry && errors.Count == 0)
            errors.Add(new EntryError(1, null, "No BibTeX entry found: expected an entry such as \"@article{key, …}\"."));
        return new BibParseResult(BibFormat.BibTex, entries, errors);
    }

    private sealed record RawEntry(string? Key, List<(string Name, string Value)> Fields, int End, string? Error);

    /// <summary>An entry read, before its crossref is resolved (a parent may come after its children, as BibTeX wants).</summary>
    private sealed record ReadBibEntry(string Type, string? Key, List<(string Name, string Value)> Fields, int Line);

    /// <summary>Crossref chains deeper than this are cut (a parent pointing at itself or a loop).</summary>
    private const int MaxCrossrefDepth = 8;

    private static readonly string[] BookLike = ["book", "mvbook", "collection", "mvcollection", "proceedings", "mvproceedings", "reference", "mvreference"];
    private static readonly string[] InBookLike = ["inbook", "bookinbook", "suppbook", "incollection", "suppcollection", "inproceedings", "inreference"];

    /// <summary>Fields a child never takes from its parent (biblatex's defaults).</summary>
    private static readonly HashSet<string> NotInherited = new(StringComparer.Ordinal)
    {
        "ids", "crossref", "xref", "xdata", "entryset", "entrysubtype", "execute", "label", "options", "presort", "related",
        "relatedoptions", "relatedstring", "relatedtype", "shorthand", "shorthandintro", "sortkey", "shorttitle", "sorttitle",
        "indextitle", "indexsorttitle",
    };

    /// <summary>
    /// The entry's fields with what it inherits through <c>crossref</c>: every field it lacks, from its parent (itself
    /// resolved first), as biblatex and BibTeX do; a book-like parent's title becomes an in-book child's
    /// <c>booktitle</c> (and a periodical's its article's <c>journaltitle</c>), never the child's own title.
    /// </summary>
    private static List<(string Name, string Value)> Inherited(ReadBibEntry entry, Dictionary<string, ReadBibEntry> byKey, int depth)
    {
        if (Raw(entry.Fields, "crossref") is not { } parentKey || depth >= MaxCrossrefDepth
            || !byKey.TryGetValue(parentKey, out var parent) || ReferenceEquals(parent, entry))
            return entry.Fields;
        var fields = new List<(string Name, string Value)>(entry.Fields);
        foreach (var (name, value) in Inherited(parent, byKey, depth + 1))
        {
            var target = Renamed(parent.Type, entry.Type, name);
            if (target is null || NotInherited.Contains(target) || fields.Exists(f => f.Name == target)) continue;
            fields.Add((target, value));
        }
        return fields;
    }

    /// <summary>The child's field a parent's field fills (null: not inherited).</summary>
    private static string? Renamed(string parentType, string childType, string field)
    {
        string? prefix = null;
        if (BookLike.Contains(parentType) && InBookLike.Contains(childType)) prefix = "book";
        else if (parentType == "periodical" && childType is "article" or "suppperiodical") prefix = "journal";
        if (prefix is null) return field;
        return field switch
        {
            "title" => prefix + "title",
            "subtitle" => prefix + "subtitle",
            "titleaddon" => prefix + "titleaddon",
            _ => field,
        };
    }

    private static string? Raw(List<(string Name, string Value)> fields, string name) =>
        fields.Find(f => f.Name == name) is { Value: { } v } && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    /// <summary>"Title: Subtitle", as biblatex prints a title and its subtitle.</summary>
    private static string? WithSubtitle(string? title, string? subtitle) =>
        title is null || subtitle is null ? title
        : title.TrimEnd().EndsWith(':') || title.TrimEnd().EndsWith('?') || title.TrimEnd().EndsWith('!') || title.TrimEnd().EndsWith('.') ? $"{title.TrimEnd()} {subtitle}"
        : $"{title}: {subtitle}";

    private static RawEntry ReadEntry(string text, int p, char close, bool isMacro, Dictionary<string, string> macros, LineIndex lines)
    {
        var fields = new List<(string, string)>();
        string? key = null;
        SkipSpace(text, ref p);

        if (!isMacro)
        {
            var keyStart = p;
            while (p < text.Length && text[p] is not (',' or '=' or '{' or '}' or '(' or ')') && !char.IsWhiteSpace(text[p])) p++;
            var candidate = text[keyStart..p];
            var afterKey = p;
            SkipSpace(text, ref afterKey);
            if (afterKey < text.Length && text[afterKey] == '=')
            {
                p = keyStart; // no key: the entry starts with a field
            }
            else
            {
                key = candidate.Length == 0 ? null : candidate;
                p = afterKey;
                if (p < text.Length && text[p] == close) return new RawEntry(key, fields, p + 1, null);
                if (p >= text.Length || text[p] != ',')
                    return Fail(key, text, p, lines, $"expected ',' after the citation key{Found(text, p, lines)}");
                p++;
            }
        }

        while (true)
        {
            SkipSpace(text, ref p);
            while (p < text.Length && text[p] == ',')
            {
                p++;
                SkipSpace(text, ref p);
            }
            if (p >= text.Length)
                return Fail(key, text, p, lines, "the entry is not closed: the file ends before its closing brace");
            if (text[p] == close) return new RawEntry(key, fields, p + 1, null);
            if (text[p] == '@')
                return Fail(key, text, p, lines, $"the entry is not closed (unbalanced braces?) before the next entry on line {lines.LineOf(p)}");

            var nameStart = p;
            while (p < text.Length && (char.IsAsciiLetterOrDigit(text[p]) || text[p] is '_' or '-' or ':' or '.' or '+')) p++;
            if (p == nameStart)
                return Fail(key, text, p, lines, $"expected a field name{Found(text, p, lines)}");
            var name = text[nameStart..p].ToLowerInvariant();
            SkipSpace(text, ref p);
            if (p >= text.Length || text[p] != '=')
                return Fail(key, text, p, lines, $"expected '=' after field '{name}'{Found(text, p, lines)}");
            p++;

            var value = new StringBuilder();
            while (true)
            {
                SkipSpace(text, ref p);
                if (p >= text.Length)
                    return Fail(key, text, p, lines, $"field '{name}' has no value: the file ends");
                var c = text[p];
                if (c is '{' or '"')
                {
                    var opened = p;
                    var end = ReadDelimited(text, p, out var error);
                    if (error is not null)
                        return Fail(key, text, end, lines, $"field '{name}': the {(c == '{' ? "brace" : "quote")} opened on line {lines.LineOf(opened)} {error}");
                    value.Append(text, opened + 1, end - opened - 2);
                    p = end;
                }
                else if (char.IsAsciiDigit(c))
                {
                    var start = p;
                    while (p < text.Length && char.IsAsciiDigit(text[p])) p++;
                    value.Append(text, start, p - start);
                }
                else if (char.IsAsciiLetter(c))
                {
                    var start = p;
                    while (p < text.Length && (char.IsAsciiLetterOrDigit(text[p]) || text[p] is '_' or '-' or ':' or '.')) p++;
                    // An undefined macro keeps its name (BibTeX would print nothing; the name at least says what was meant).
                    value.Append(macros.TryGetValue(text[start..p], out var expansion) ? expansion : text[start..p]);
                }
                else
                {
                    return Fail(key, text, p, lines, $"field '{name}' has no value{Found(text, p, lines)}");
                }
                SkipSpace(text, ref p);
                if (p < text.Length && text[p] == '#')
                {
                    p++;
                    continue;
                }
                break;
            }

            if (!fields.Exists(f => f.Item1 == name)) fields.Add((name, value.ToString()));
            if (p < text.Length && text[p] != ',' && text[p] != close)
            {
                return text[p] == '@'
                    ? Fail(key, text, p, lines, $"the entry is not closed (unbalanced braces?) before the next entry on line {lines.LineOf(p)}")
                    : Fail(key, text, p, lines, $"expected ',' or '{close}' after field '{name}'{Found(text, p, lines)}");
            }
        }
    }

    /// <summary>
    /// Reads a {braced} or "quoted" value starting at <paramref name="p"/>; returns the index after its closing delimiter.
    /// Stops with an error at a line that starts a new entry, at the end of the file, or past <see cref="MaxBraceDepth"/>.
    /// </summary>
    private static int ReadDelimited(string text, int p, out string? error)
    {
        var quoted = text[p] == '"';
        var depth = quoted ? 0 : 1;
        var i = p + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }
            if (c == '{')
            {
                if (++depth > MaxBraceDepth)
                {
                    error = $"nests braces more than {MaxBraceDepth} deep";
                    return i;
                }
            }
            else if (c == '}')
            {
                depth--;
                if (!quoted && depth == 0)
                {
                    error = null;
                    return i + 1;
                }
                if (depth < 0)
                {
                    error = "has an unmatched '}'";
                    return i;
                }
            }
            else if (c == '"' && quoted && depth == 0)
            {
                error = null;
                return i + 1;
            }
            else if (c is '\n' or '\r' && StartsEntry(text, i + 1))
            {
                error = "is not closed before the next entry (unbalanced braces)";
                return i + 1;
            }
            i++;
        }
        error = "is never closed (unbalanced braces)";
        return text.Length;
    }

    /// <summary>True when a line starting at <paramref name="i"/> begins "@type{" or "@type(".</summary>
    private static bool StartsEntry(string text, int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t' or '\n' or '\r') i++;
        if (i >= text.Length || text[i] != '@') return false;
        i++;
        var start = i;
        while (i < text.Length && char.IsAsciiLetter(text[i])) i++;
        if (i == start) return false;
        while (i < text.Length && text[i] is ' ' or '\t') i++;
        return i < text.Length && text[i] is '{' or '(';
    }

    /// <summary>Skips a @comment or @preamble body (balanced); if it never closes, skips to the end of its line.</summary>
    private static int SkipGroup(string text, int p, char close)
    {
        var open = close == '}' ? '{' : '(';
        var depth = 1;
        for (var i = p; i < text.Length; i++)
        {
            if (text[i] == open) depth++;
            else if (text[i] == close && --depth == 0) return i + 1;
            else if (text[i] is '\n' or '\r' && StartsEntry(text, i + 1)) return i + 1;
        }
        var eol = text.IndexOfAny(['\n', '\r'], p);
        return eol < 0 ? text.Length : eol + 1;
    }

    private static RawEntry Fail(string? key, string text, int at, LineIndex lines, string message)
    {
        // Resume at the next line that starts an entry.
        var resume = at;
        while (resume < text.Length && text[resume] != '@' && !StartsEntry(text, resume))
        {
            var nl = text.IndexOfAny(['\n', '\r'], resume);
            if (nl < 0)
            {
                resume = text.Length;
                break;
            }
            if (StartsEntry(text, nl + 1))
            {
                resume = nl + 1;
                break;
            }
            resume = nl + 1;
        }
        var where = at < text.Length ? $" (line {lines.LineOf(at)})" : "";
        return new RawEntry(key, [], Math.Max(resume, at), $"Broken entry{(key is null ? "" : $" '{key}'")}: {message}{where}.");
    }

    private static string Found(string text, int p, LineIndex lines) =>
        p >= text.Length ? ", found the end of the file" : $", found '{text[p]}' on line {lines.LineOf(p)}";

    private static void SkipSpace(string text, ref int p)
    {
        while (p < text.Length && char.IsWhiteSpace(text[p])) p++;
    }

    private static BibRecord? ToRecord(string type, string? key, List<(string Name, string Value)> fields, out string? problem)
    {
        var raw = fields.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);
        string? Raw(string name) => raw.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
        string? Text(string name) => Raw(name) is { } v ? BibText.Clean(LatexText.ToUnicode(v)) : null;
        string? Verbatim(string name) => Raw(name) is { } v ? BibText.Clean(VerbatimText(v)) : null;
        string? Container(string name, string subtitle) => Raw(name) is { } v ? BibText.Clean(LatexText.ToUnicode(WithSubtitle(v, Raw(subtitle))!)) : null;

        var title = BibText.CleanTitle(Raw("title") is { } t ? LatexText.ToUnicode(WithSubtitle(t, Raw("subtitle"))!) : null);
        if (title is null)
        {
            problem = $"Entry {(key is null ? "" : $"'{key}' ")}has no title.";
            return null;
        }

        var people = new List<PersonName>();
        var groups = new List<string>();
        var truncated = false;
        foreach (var name in SplitNames(Raw("author") ?? ""))
        {
            ReadName(name, people, groups, ref truncated);
        }

        var date = BibText.ParseDate(Text("date"));
        var year = BibText.FindYear(Text("year")) ?? date.Year;
        var monthField = BibText.ParseMonth(Text("month"));
        var sameDate = date.Year == year;
        var month = monthField ?? (sameDate ? date.Month : null);
        int? day = sameDate && (monthField is null || monthField == date.Month) ? date.Day : null;

        var eprintType = Text("eprinttype")?.ToLowerInvariant() ?? Text("archiveprefix")?.ToLowerInvariant();
        var eprint = Verbatim("eprint");
        var url = Verbatim("url") ?? UrlIn(Verbatim("howpublished"));
        var (note, registered) = RegistrationNote.Split(Raw("note") is { } n ? LatexText.ToUnicode(n) : null);
        var howPublished = Text("howpublished");
        var doi = Identifiers.NormalizeDoi(Verbatim("doi"))
                  ?? (url is not null && url.Contains("doi.org/", StringComparison.OrdinalIgnoreCase) ? Identifiers.NormalizeDoi(url) : null);
        var pmid = Identifiers.NormalizePmid(Verbatim("pmid"))
                   ?? (eprintType is "pubmed" or "pmid" ? Identifiers.NormalizePmid(eprint) : null)
                   ?? Identifiers.PmidFromUrl(url)
                   ?? LabelledId.Pmid(note);
        var pmcid = Identifiers.NormalizePmcid(Verbatim("pmcid"))
                    ?? (eprintType is "pmc" or "pmcid" ? Identifiers.NormalizePmcid(eprint) : null)
                    ?? LabelledId.Pmcid(note);
        var journal = Text("journal") ?? Container("journaltitle", "journalsubtitle")
                      ?? (InBookLike.Contains(type) ? Container("booktitle", "booksubtitle") : null);
        var nctIds = registered
            .Concat(Identifiers.FindNctIds(string.Join(' ', new[] { note, Text("annote"), url, eprint, Text("number") }.Where(s => s is not null))))
            .Distinct(StringComparer.Ordinal).ToList();
        // @misc{…, howpublished = {Press release}}: the howpublished text says what the item is, unless it is only an address.
        var publicationType = type is "misc" or "online" && howPublished is not null && UrlIn(howPublished) is null ? howPublished : type;
        var isTrial = (BibText.IsRegistryStudyUrl(url) && journal is null) || (BibText.IsTrialRegistrationGenre(publicationType) && journal is null);

        problem = null;
        return new BibRecord
        {
            Kind = isTrial ? BibRecordKind.RegisteredTrial : BibRecordKind.Publication,
            SourceKey = key,
            Title = title,
            Authors = people,
            Groups = groups,
            AuthorsTruncated = truncated,
            Journal = journal,
            JournalAbbreviation = Text("shortjournal") ?? Text("journalabbr") ?? Text("journal-abbreviation") ?? Text("journalabbreviation"),
            Year = year,
            Month = month,
            Day = day,
            Volume = Text("volume"),
            Issue = Text("number") is { } num && Identifiers.NormalizeNct(num) is null ? num : Text("issue"),
            Pages = Raw("pages") is { } pg ? BibText.Clean(LatexText.ToUnicode(pg, pages: true)) : Text("eid"),
            Doi = doi,
            Pmid = pmid,
            Pmcid = pmcid,
            NctIds = nctIds,
            Url = url,
            Abstract = BibText.CleanParagraphs(Raw("abstract") is { } a ? LatexText.ToUnicode(a) : null),
            PublicationType = publicationType,
            Keywords = Text("keywords") is { } kw ? BibText.DistinctClean(kw.Split([',', ';'])) : [],
            Note = note,
            Sponsor = isTrial ? Text("organization") ?? Text("institution") ?? Text("publisher") : null,
            Form = PublicationForms.FromBibTex(type),
            Publisher = isTrial ? null : Text("publisher") ?? Text("institution") ?? Text("school") ?? Text("organization"),
            PublisherPlace = Text("address") ?? Text("location"),
        };
    }

    /// <summary>Splits an author list on " and " outside braces.</summary>
    private static List<string> SplitNames(string raw)
    {
        var names = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '{') depth++;
            else if (c == '}') depth = Math.Max(0, depth - 1);
            else if (depth == 0 && char.IsWhiteSpace(c) && i + 4 < raw.Length
                     && raw[i + 1] is 'a' or 'A' && raw[i + 2] is 'n' or 'N' && raw[i + 3] is 'd' or 'D' && char.IsWhiteSpace(raw[i + 4]))
            {
                names.Add(raw[start..i]);
                start = i + 5;
                i += 4;
            }
        }
        names.Add(raw[start..]);
        return names.Select(n => n.Trim()).Where(n => n.Length > 0).ToList();
    }

    /// <summary>"von Last, First", "von Last, Jr, First", "First von Last", "{Group Name}", or "others".</summary>
    private static void ReadName(string raw, List<PersonName> people, List<string> groups, ref bool truncated)
    {
        if (PersonNames.IsEtAl(raw))
        {
            truncated = true;
            return;
        }
        if (IsSingleGroup(raw))
        {
            if (BibText.Clean(LatexText.ToUnicode(raw)) is { } group) groups.Add(group);
            return;
        }

        var parts = SplitTopLevel(raw, ',');
        string? family, given;
        if (parts.Count >= 2)
        {
            family = Decode(parts[0]);
            given = Decode(parts[^1]);
        }
        else
        {
            var words = SplitTopLevel(raw, ' ').Where(w => w.Length > 0).ToList();
            if (words.Count == 1)
            {
                family = Decode(words[0]);
                given = null;
            }
            else if (FamilyThenInitials(words.Select(Decode).ToList()) is { } person)
            {
                // "Petrou P", "Petrou PA": PubMed's way, which BibTeX's "First Last" rule would read as a family name "P".
                people.Add(person);
                return;
            }
            else
            {
                // The "von" part starts at the first lower-case word before the last one.
                var von = words.FindIndex(0, words.Count - 1, w => Decode(w) is { } d && char.IsLower(d[0]));
                var familyStart = von >= 0 ? von : words.Count - 1;
                given = Decode(string.Join(' ', words.Take(familyStart)));
                family = Decode(string.Join(' ', words.Skip(familyStart)));
            }
        }
        if (family is null) return;
        people.Add(new PersonName(family, given));
    }

    private static string? Decode(string raw) => BibText.Clean(LatexText.ToUnicode(raw));

    /// <summary>
    /// "Family Initials" without a comma: a last word of one to three capitals ("P", "PA", "JWM") after words that each
    /// read as a name (a capital, then a lower-case letter); otherwise null and BibTeX's own rule applies
    /// ("Xiu-ping GENG" is a given name and a family name in capitals).
    /// </summary>
    private static PersonName? FamilyThenInitials(List<string?> words)
    {
        if (words.Count < 2 || words.Any(w => w is null)) return null;
        var last = words[^1]!;
        if (last.Length is < 1 or > 3 || !last.All(char.IsUpper)) return null;
        if (!words.Take(words.Count - 1).All(w => w!.Length >= 2 && char.IsUpper(w[0]) && char.IsLower(w[1]))) return null;
        return new PersonName(string.Join(' ', words.Take(words.Count - 1)), PersonNames.DotInitials(last));
    }

    private static bool IsSingleGroup(string raw)
    {
        if (raw.Length < 2 || raw[0] != '{' || raw[^1] != '}') return false;
        var depth = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '{') depth++;
            else if (raw[i] == '}' && --depth == 0) return i == raw.Length - 1 && !raw.StartsWith("{\\", StringComparison.Ordinal);
        }
        return false;
    }

    private static List<string> SplitTopLevel(string raw, char separator)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '{') depth++;
            else if (raw[i] == '}') depth = Math.Max(0, depth - 1);
            else if (depth == 0 && (raw[i] == separator || (separator == ' ' && char.IsWhiteSpace(raw[i]))))
            {
                parts.Add(raw[start..i].Trim());
                start = i + 1;
            }
        }
        parts.Add(raw[start..].Trim());
        return parts;
    }

    /// <summary>A URL or DOI as written: \url{…} unwrapped, braces dropped, \_ \% \&amp; \# \~ unescaped.</summary>
    private static string VerbatimText(string raw)
    {
        var sb = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c is '{' or '}') continue;
            if (c == '\\')
            {
                if (i + 1 < raw.Length && !char.IsAsciiLetter(raw[i + 1]))
                {
                    sb.Append(raw[i + 1] == '\\' ? ' ' : raw[i + 1]);
                    i++;
                    continue;
                }
                while (i + 1 < raw.Length && char.IsAsciiLetter(raw[i + 1])) i++; // \url, \href, \textasciitilde…
                continue;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static string? UrlIn(string? text)
    {
        if (text is null) return null;
        var m = UrlPattern().Match(text);
        return m.Success ? m.Value : null;
    }

    [GeneratedRegex(@"https?://[^\s{}]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();
}
