using KnowledgeBase.Domain;
using System.Text.Json;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Interchange.Parsing;

/// <summary>
/// Reads CSL-JSON (Zotero, Mendeley, citation.js, pandoc): an array of items or a single item, with authors as
/// {family, given} or {literal}, "issued" as date-parts, raw or literal, and Zotero's "PMID: …" lines in "note".
/// </summary>
public static class CslJsonParser
{
    public static BibParseResult Parse(string text)
    {
        var entries = new List<ParsedEntry>();
        var errors = new List<EntryError>();
        if (string.IsNullOrWhiteSpace(BibText.StripBom(text ?? "")))
        {
            errors.Add(new EntryError(1, null, "The file is empty: no CSL-JSON item found."));
            return Result(entries, errors);
        }

        using var document = JsonInput.TryParse(text!, "CSL", out var utf8, out var parseError);
        if (document is null)
        {
            errors.Add(parseError!);
            return Result(entries, errors);
        }

        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object)
        {
            Read(root, 1, 1, entries, errors);
        }
        else if (root.ValueKind == JsonValueKind.Array)
        {
            var lines = JsonInput.ItemLines(utf8, null);
            var index = 0;
            foreach (var item in root.EnumerateArray())
            {
                var line = index < lines.Count ? lines[index] : 1;
                index++;
                if (!Read(item, index, line, entries, errors)) break;
            }
        }
        else
        {
            errors.Add(new EntryError(1, null, "Not CSL-JSON: expected an array of items or a single item object."));
        }

        if (entries.Count == 0 && errors.Count == 0)
            errors.Add(new EntryError(1, null, "No CSL-JSON item found: the array is empty."));
        return Result(entries, errors);
    }

    private static BibParseResult Result(List<ParsedEntry> entries, List<EntryError> errors) => new(BibFormat.CslJson, entries, errors);

    private static bool Read(JsonElement item, int index, int line, List<ParsedEntry> entries, List<EntryError> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
            return BibText.AddError(errors, new EntryError(line, null, $"Item {index} is not a JSON object (found {item.ValueKind.ToString().ToLowerInvariant()})."));

        var id = JsonInput.Text(item, "id");
        var title = BibText.CleanTitle(JsonInput.Text(item, "title"));
        if (title is null)
            return BibText.AddError(errors, new EntryError(line, id, $"Item {index}{(id is null ? "" : $" ('{id}')")} has no title."));

        entries.Add(new ParsedEntry(ToRecord(item, id, title), line));
        return true;
    }

    private static BibRecord ToRecord(JsonElement item, string? id, string title)
    {
        var people = new List<PersonName>();
        var groups = new List<string>();
        var truncated = false;
        foreach (var author in JsonInput.Array(JsonInput.Child(item, "author")))
        {
            if (author.ValueKind == JsonValueKind.String)
            {
                PersonNames.AddTagged(author.GetString(), people, groups, ref truncated);
                continue;
            }
            var literal = JsonInput.Text(author, "literal");
            var family = JsonInput.Text(author, "family");
            if (family is null)
            {
                if (PersonNames.IsEtAl(literal)) truncated = true;
                else if (literal is not null) groups.Add(literal);
                continue;
            }
            var particle = JsonInput.Text(author, "non-dropping-particle");
            var dropping = JsonInput.Text(author, "dropping-particle");
            var given = BibText.Clean($"{JsonInput.Text(author, "given")} {dropping}");
            people.Add(new PersonName(particle is null ? family : $"{particle} {family}", given));
        }

        var (year, month, day) = Issued(JsonInput.Child(item, "issued"));
        var (noteText, listIncomplete) = AuthorListNote.Split(JsonInput.MultilineText(item, "note"));
        truncated |= listIncomplete && (people.Count > 0 || groups.Count > 0);
        var (note, registered) = RegistrationNote.Split(noteText);
        var genre = JsonInput.Text(item, "genre");
        var url = JsonInput.Text(item, "URL");
        var journal = JsonInput.Text(item, "container-title");
        var number = JsonInput.Text(item, "number");

        var isTrial = journal is null && (BibText.IsRegistryStudyUrl(url) || BibText.IsTrialRegistrationGenre(genre));
        return new BibRecord
        {
            Kind = isTrial ? BibRecordKind.RegisteredTrial : BibRecordKind.Publication,
            SourceKey = id,
            Title = title,
            Authors = people,
            Groups = groups,
            AuthorsTruncated = truncated,
            Journal = journal,
            JournalAbbreviation = JsonInput.Text(item, "container-title-short") ?? JsonInput.Text(item, "journalAbbreviation"),
            Year = year,
            Month = month,
            Day = day,
            Volume = JsonInput.Text(item, "volume"),
            Issue = JsonInput.Text(item, "issue"),
            Pages = JsonInput.Text(item, "page") ?? (journal is not null && number is not null && Identifiers.NormalizeNct(number) is null ? number : null),
            Doi = Identifiers.NormalizeDoi(JsonInput.Text(item, "DOI")) ?? LabelledId.Doi(note),
            Pmid = Identifiers.NormalizePmid(JsonInput.Text(item, "PMID")) ?? Identifiers.PmidFromUrl(url) ?? LabelledId.Pmid(note),
            Pmcid = Identifiers.NormalizePmcid(JsonInput.Text(item, "PMCID")) ?? LabelledId.Pmcid(note),
            NctIds = registered.Concat(Identifiers.FindNctIds(string.Join(' ', new[] { note, url, number }.Where(s => s is not null))))
                .Distinct(StringComparer.Ordinal).ToList(),
            Url = url,
            Abstract = JsonInput.Paragraphs(item, "abstract"),
            PublicationType = genre ?? JsonInput.Text(item, "type"),
            Keywords = Keywords(item),
            Note = note,
            Sponsor = isTrial ? JsonInput.Text(item, "publisher") : null,
            Form = PublicationForms.FromCsl(JsonInput.Text(item, "type")),
            Publisher = isTrial ? null : JsonInput.Text(item, "publisher"),
            PublisherPlace = JsonInput.Text(item, "publisher-place"),
        };
    }

    private static List<string> Keywords(JsonElement item)
    {
        var values = new List<string?>();
        foreach (var name in new[] { "keyword", "keywords" })
        {
            var element = JsonInput.Child(item, name);
            if (element is { ValueKind: JsonValueKind.Array } array)
                values.AddRange(array.EnumerateArray().Select(JsonInput.Text));
            else if (element is { ValueKind: JsonValueKind.String } s)
                values.AddRange((s.GetString() ?? "").Split([',', ';']));
        }
        return BibText.DistinctClean(values);
    }

    /// <summary>{"date-parts": [[2016, 3, 1]]}, {"raw": "2016-03"}, {"literal": "Spring 2016"}, or a bare string.</summary>
    private static (int? Year, int? Month, int? Day) Issued(JsonElement? issued)
    {
        if (issued is not { } value) return (null, null, null);
        if (value.ValueKind == JsonValueKind.String) return BibText.ParseDate(value.GetString());
        if (value.ValueKind != JsonValueKind.Object) return (null, null, null);

        var first = JsonInput.Array(JsonInput.Child(value, "date-parts")).FirstOrDefault();
        if (first.ValueKind == JsonValueKind.Array)
        {
            var parts = first.EnumerateArray().Select(p => JsonInput.Int(p)).ToList();
            var year = parts.Count > 0 ? parts[0] : null;
            int? month = parts.Count > 1 && parts[1] is >= 1 and <= 12 ? parts[1] : null;
            int? day = month is not null && parts.Count > 2 && parts[2] is >= 1 and <= 31 ? parts[2] : null;
            if (year is not null) return (year, month, day);
        }
        return BibText.ParseDate(JsonInput.Text(value, "raw") ?? JsonInput.Text(value, "literal"));
    }
}
