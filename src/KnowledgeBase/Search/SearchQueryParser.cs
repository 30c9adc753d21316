using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Search;

/// <summary>
/// Turns what a person types into a <see cref="SearchQuery"/>: words (a word of four or more letters
/// also matches longer words), "quoted phrases", <c>OR</c> between words, <c>-word</c> to leave out,
/// and identifiers (NCT ids, PMIDs, DOIs, PMCIDs, also as their web addresses) that are looked up
/// exactly. Anything else (operators of a search engine, brackets, stray quotes) is treated as text.
/// </summary>
public static partial class SearchQueryParser
{
    /// <summary>Longer queries are cut here (at a word boundary when there is one).</summary>
    public const int MaxLength = 500;

    /// <summary>Words beyond this many are ignored: each one costs an index lookup.</summary>
    public const int MaxTerms = 12;

    public const int MaxIdentifiers = 10;

    /// <summary>A word this long or longer also matches the words it begins ("surviv" finds "survival").</summary>
    public const int AutomaticPrefixLength = 4;

    /// <summary>A word marked with a trailing <c>*</c> must have at least this many letters or digits.</summary>
    public const int ExplicitPrefixLength = 3;

    public static SearchQuery Parse(string? text)
    {
        var notes = new List<string>();
        var cleaned = Clean(text ?? "");
        if (cleaned.Length == 0)
            return new SearchQuery("", [], [], [], Problem: null, notes);

        if (cleaned.Length > MaxLength)
        {
            var cut = cleaned.LastIndexOf(' ', MaxLength);
            cleaned = cleaned[..(cut > MaxLength / 2 ? cut : MaxLength)].TrimEnd();
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Only the first {cleaned.Length} characters of the query were used."));
        }

        var (identifiers, rest) = ExtractIdentifiers(cleaned);
        if (identifiers.Count > MaxIdentifiers)
        {
            identifiers = identifiers.Take(MaxIdentifiers).ToList();
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Only the first {MaxIdentifiers} identifiers were looked up."));
        }

        // An identifier is also looked for in the text of records (an article that mentions the trial).
        var required = identifiers.Select(id => (IReadOnlyList<SearchTerm>)[IdentifierTerm(id)]).ToList();
        var excluded = new List<SearchTerm>();
        var sawUnbalancedQuote = Tokenize(rest, required, excluded);
        if (sawUnbalancedQuote)
            notes.Add("A quotation mark was not closed: the phrase was taken to run to the end of the query.");

        var termCount = required.Sum(g => g.Count) + excluded.Count;
        if (termCount > MaxTerms)
        {
            required = TakeTerms(required, MaxTerms, out var used);
            excluded = excluded.Take(Math.Max(0, MaxTerms - used)).ToList();
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Only the first {MaxTerms} words were used."));
        }

        string? problem = null;
        if (required.Count == 0)
        {
            problem = excluded.Count > 0
                ? "Add a word to look for: words marked with a minus sign are only left out of what the other words find."
                : "There is nothing to search for in that query: type words, a \"phrase\" or an identifier (NCT, PMID, DOI, PMCID).";
            excluded.Clear();
        }

        return new SearchQuery(cleaned, required, excluded, identifiers, problem, notes)
        {
            IsSingleIdentifier = identifiers.Count == 1 && required.Count == 1 && excluded.Count == 0,
        };
    }

    private static SearchTerm IdentifierTerm(SearchIdentifier id) => id.Kind switch
    {
        IdentifierKind.Doi => new SearchTerm(id.Value, IsPhrase: true, IsPrefix: false),
        _ => new SearchTerm(id.Value, IsPhrase: false, IsPrefix: false),
    };

    /// <summary>Control characters and private-use characters (the search's own highlight markers) never reach a query.</summary>
    private static string Clean(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, MaxLength * 2));
        foreach (var c in text)
        {
            var category = char.GetUnicodeCategory(c);
            sb.Append(category is UnicodeCategory.Control or UnicodeCategory.PrivateUse or UnicodeCategory.Format or UnicodeCategory.Surrogate
                ? ' '
                : c);
            if (sb.Length > MaxLength * 2) break;
        }
        return MultipleSpaces().Replace(sb.ToString(), " ").Trim();
    }

    private static (List<SearchIdentifier> Identifiers, string Remainder) ExtractIdentifiers(string text)
    {
        var found = new List<SearchIdentifier>();
        var rest = IdentifierPattern().Replace(text, m =>
        {
            var id = Identify(m);
            if (id is null) return m.Value;
            if (!found.Contains(id)) found.Add(id);
            return " ";
        });
        return (found, rest);
    }

    private static SearchIdentifier? Identify(Match m)
    {
        if (m.Groups["doi"].Success && Identifiers.NormalizeDoi(m.Groups["doi"].Value) is { } doi)
            return new SearchIdentifier(IdentifierKind.Doi, doi);
        if (m.Groups["nct"].Success)
            return new SearchIdentifier(IdentifierKind.Nct, "NCT" + m.Groups["nct"].Value);
        if (m.Groups["pmc"].Success && Identifiers.NormalizePmcid("PMC" + m.Groups["pmc"].Value) is { } pmcid)
            return new SearchIdentifier(IdentifierKind.Pmcid, pmcid);
        if (m.Groups["pmid"].Success && Identifiers.NormalizePmid(m.Groups["pmid"].Value) is { } pmid && pmid != "0")
            return new SearchIdentifier(IdentifierKind.Pmid, pmid);
        return null;
    }

    /// <summary>Splits the text (identifiers removed) into terms; returns whether a quote was left open.</summary>
    private static bool Tokenize(string text, List<IReadOnlyList<SearchTerm>> required, List<SearchTerm> excluded)
    {
        var unbalanced = false;
        var orPending = false;
        var notPending = false;
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var negate = notPending;
            notPending = false;
            if (text[i] == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]))
            {
                negate = true;
                i++;
            }

            SearchTerm? term;
            if (text[i] == '"')
            {
                var close = text.IndexOf('"', i + 1);
                if (close < 0)
                {
                    unbalanced = true;
                    close = text.Length;
                }
                var phrase = text[(i + 1)..close];
                i = Math.Min(text.Length, close + 1);
                var prefix = i < text.Length && text[i] == '*';
                if (prefix) i++;
                term = MakeTerm(phrase, isPhrase: true, explicitPrefix: prefix, automaticPrefix: false);
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '"') i++;
                var word = text[start..i];
                if (!negate)
                {
                    switch (word)
                    {
                        case "OR":
                            orPending = required.Count > 0;
                            continue;
                        case "AND":
                            continue;
                        case "NOT":
                            notPending = true;
                            continue;
                    }
                }
                var explicitPrefix = word.EndsWith('*');
                // A left-out word is left out as typed: "-cord" should not also drop "cordial".
                term = MakeTerm(word.TrimEnd('*'), isPhrase: false, explicitPrefix, automaticPrefix: !negate);
            }

            if (term is null)
            {
                continue;
            }
            if (negate)
            {
                excluded.Add(term);
            }
            else if (orPending)
            {
                required[^1] = [.. required[^1], term];
            }
            else
            {
                required.Add([term]);
            }
            orPending = false;
        }
        return unbalanced;
    }

    private static SearchTerm? MakeTerm(string raw, bool isPhrase, bool explicitPrefix, bool automaticPrefix)
    {
        // Punctuation around a word ("(stem", "cells,") is not part of it; inside a word ("stem-cell") it separates parts.
        var text = raw.Trim().Trim(TrimmedPunctuation);
        text = MultipleSpaces().Replace(text, " ");
        var letters = text.Count(char.IsLetterOrDigit);
        if (letters == 0) return null;

        var multiWord = text.Contains(' ', StringComparison.Ordinal);
        var allDigits = text.All(c => char.IsAsciiDigit(c));
        // The index splits a word at inner punctuation ("Wharton's" = wharton s, "ALSFRS-R" = alsfrs r) and a
        // prefix applies to the last part only: a one-letter part would match every word starting with it
        // (seconds at a million claims, and not what was asked), so the length rules apply to that part.
        var lastLetters = text.Reverse().TakeWhile(char.IsLetterOrDigit).Count();
        var prefix = explicitPrefix
            ? lastLetters >= ExplicitPrefixLength
            : automaticPrefix && !isPhrase && !multiWord && !allDigits && lastLetters >= AutomaticPrefixLength;
        return new SearchTerm(text, isPhrase || multiWord, prefix);
    }

    private static List<IReadOnlyList<SearchTerm>> TakeTerms(List<IReadOnlyList<SearchTerm>> groups, int max, out int used)
    {
        var kept = new List<IReadOnlyList<SearchTerm>>();
        used = 0;
        foreach (var group in groups)
        {
            if (used >= max) break;
            var take = group.Take(max - used).ToList();
            used += take.Count;
            kept.Add(take);
        }
        return kept;
    }

    private static readonly char[] TrimmedPunctuation = ['(', ')', '[', ']', '{', '}', ',', ';', ':', '.', '!', '?', '\'', '`', '^', '~', '+', '=', '<', '>', '|', '\\', '/', '&', '#', '@', '$', '%', '-', '_'];

    [GeneratedRegex(@"\s{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex MultipleSpaces();

    /// <summary>
    /// Each identifier form, tried at every position left to right: web addresses first (so their
    /// digits are not read as a bare PMID), then labelled forms, then bare DOIs, NCT and PMC ids and
    /// 7-9 digit numbers (PubMed ids).
    /// </summary>
    [GeneratedRegex("""
        (?:https?://)?(?:dx\.)?doi\.org/(?<doi>10\.[0-9]{4,9}(?:/|%2[Ff])[^\s"<>]+)
        | (?:https?://)?(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pubmed)/(?<pmid>[0-9]{1,9})/?(?=\s|$)
        | (?:https?://)?(?:www\.)?(?:pmc\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pmc)/articles/PMC(?<pmc>[0-9]{1,9})/?(?=\s|$)
        | (?:https?://)?(?:www\.)?clinicaltrials\.gov/(?:study|ct2/show)/NCT(?<nct>[0-9]{8})\S*
        | \bdoi:\s*(?<doi>10\.[0-9]{4,9}(?:/|%2[Ff])[^\s"<>]+)
        | (?<![\w.])(?<doi>10\.[0-9]{4,9}(?:/|%2[Ff])[^\s"<>]+)
        | \bPMID:?\s*(?<pmid>[0-9]{1,9})\b
        | \b(?:PMCID:?\s*)?PMC\s?(?<pmc>[0-9]{1,9})\b
        | \bNCT\s?(?<nct>[0-9]{8})\b
        | (?<![\w./-])(?<pmid>[0-9]{7,9})(?![\w./-])
        """, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex IdentifierPattern();
}
