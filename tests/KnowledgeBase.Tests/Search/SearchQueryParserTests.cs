using System.Text.RegularExpressions;
using KnowledgeBase.Search;
using KnowledgeBase.Search.Sqlite;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Tests.Search;

public sealed partial class SearchQueryParserTests
{
    /// <summary>Hostile or malformed queries: each must become a safe expression or a friendly problem.</summary>
    public static TheoryData<string> HostileQueries => new()
    {
        "\"",
        "\"\"\"\"",
        "*",
        "stem*cells*",
        "NEAR(",
        "NEAR(stem cells, 3)",
        "^",
        "^stem",
        "col:",
        "Quote:stem",
        "{Quote Title}: stem",
        "\"unbalanced quote",
        "stem \"cells",
        "'); DROP TABLE Claims; --",
        "\"); DROP TABLE Claims; --",
        "a AND",
        "OR",
        "OR OR OR",
        "NOT",
        "-",
        "- - -",
        "stem -",
        "()",
        "(stem OR",
        "stem + cells",
        "\0\u0001\u001f",
        "\uE000marked\uE001",
        "💉🧬",
        "rowid = 1",
        "ClaimsSearch MATCH 'x'",
        "stem AND NOT cells",
        "\"stem\" * \"cells\"",
        "10.1001/",
        "NCT",
        "PMID:",
        "PMC",
    };

    [Fact]
    public void Words_are_all_required_and_long_words_also_match_longer_words()
    {
        var query = SearchQueryParser.Parse("stem cells ALS mesench");

        query.Required.Select(g => g.Single()).Should().Equal(
            new SearchTerm("stem", false, true),
            new SearchTerm("cells", false, true),
            new SearchTerm("ALS", false, false),
            new SearchTerm("mesench", false, true));
        query.Problem.Should().BeNull();
        Fts5Expression.From(query).Should().Be("\"stem\"* AND \"cells\"* AND \"ALS\" AND \"mesench\"*");
    }

    [Fact]
    public void Quoted_phrases_are_matched_as_typed_without_prefixes()
    {
        var query = SearchQueryParser.Parse("\"phase 2\" trial");

        query.Required[0].Single().Should().Be(new SearchTerm("phase 2", true, false));
        Fts5Expression.From(query).Should().Be("\"phase 2\" AND \"trial\"*");
    }

    [Fact]
    public void Or_joins_neighbours_and_a_minus_leaves_a_word_out()
    {
        var query = SearchQueryParser.Parse("ALS OR Parkinson stem -cord");

        query.Required.Should().HaveCount(2);
        query.Required[0].Select(t => t.Text).Should().Equal("ALS", "Parkinson");
        query.Excluded.Select(t => t.Text).Should().Equal("cord");
        Fts5Expression.From(query).Should().Be("((\"ALS\" OR \"Parkinson\"*) AND \"stem\"*) NOT \"cord\"");
    }

    [Fact]
    public void A_trailing_star_asks_for_a_prefix_on_a_short_word()
    {
        Fts5Expression.From(SearchQueryParser.Parse("msc*")).Should().Be("\"msc\"*");
        Fts5Expression.From(SearchQueryParser.Parse("ms*")).Should().Be("\"ms\"", "a two-letter prefix would expand to too many words");
    }

    [Fact]
    public void A_prefix_on_a_word_split_by_inner_punctuation_needs_a_long_enough_last_part()
    {
        // The index reads "Wharton's" as wharton + s; "s*" would match every word starting with s.
        Fts5Expression.From(SearchQueryParser.Parse("Wharton's jelly")).Should().Be("\"Wharton's\" AND \"jelly\"*");
        Fts5Expression.From(SearchQueryParser.Parse("ALSFRS-R")).Should().Be("\"ALSFRS-R\"");
        Fts5Expression.From(SearchQueryParser.Parse("stem-c*")).Should().Be("\"stem-c\"");
        Fts5Expression.From(SearchQueryParser.Parse("fast-track")).Should().Be("\"fast-track\"*", "the last part is a whole word of 4+ letters");
        Fts5Expression.From(SearchQueryParser.Parse("stem-cel*")).Should().Be("\"stem-cel\"*");
    }

    [Fact]
    public void Numbers_are_matched_whole()
    {
        var query = SearchQueryParser.Parse("2015 survival");

        query.Identifiers.Should().BeEmpty("four digits are a year, not a PubMed id");
        query.Required[0].Single().Should().Be(new SearchTerm("2015", false, false));
    }

    [Theory]
    [InlineData("NCT03280056", IdentifierKind.Nct, "NCT03280056")]
    [InlineData("nct03280056", IdentifierKind.Nct, "NCT03280056")]
    [InlineData("NCT 03280056", IdentifierKind.Nct, "NCT03280056")]
    [InlineData("https://clinicaltrials.gov/study/NCT03280056?tab=results", IdentifierKind.Nct, "NCT03280056")]
    [InlineData("PMID: 26751635", IdentifierKind.Pmid, "26751635")]
    [InlineData("pmid 26751635", IdentifierKind.Pmid, "26751635")]
    [InlineData("26751635", IdentifierKind.Pmid, "26751635")]
    [InlineData("https://pubmed.ncbi.nlm.nih.gov/26751635/", IdentifierKind.Pmid, "26751635")]
    [InlineData("10.1001/jamaneurol.2015.4321", IdentifierKind.Doi, "10.1001/jamaneurol.2015.4321")]
    [InlineData("doi:10.1001/JAMANEUROL.2015.4321", IdentifierKind.Doi, "10.1001/jamaneurol.2015.4321")]
    [InlineData("https://doi.org/10.1001/jamaneurol.2015.4321", IdentifierKind.Doi, "10.1001/jamaneurol.2015.4321")]
    [InlineData("https://doi.org/10.1001%2Fjamaneurol.2015.4321", IdentifierKind.Doi, "10.1001/jamaneurol.2015.4321")]
    [InlineData("PMC9305113", IdentifierKind.Pmcid, "PMC9305113")]
    [InlineData("pmc 9305113", IdentifierKind.Pmcid, "PMC9305113")]
    [InlineData("PMCID: PMC9305113", IdentifierKind.Pmcid, "PMC9305113")]
    public void Identifiers_are_recognised_in_their_usual_spellings(string typed, IdentifierKind kind, string value)
    {
        var query = SearchQueryParser.Parse(typed);

        query.Identifiers.Should().Equal(new SearchIdentifier(kind, value));
        query.IsSingleIdentifier.Should().BeTrue();
        query.Problem.Should().BeNull();
    }

    [Fact]
    public void An_identifier_with_words_is_looked_up_and_also_searched_as_text()
    {
        var query = SearchQueryParser.Parse("NCT03280056 safety");

        query.Identifiers.Should().Equal(new SearchIdentifier(IdentifierKind.Nct, "NCT03280056"));
        query.IsSingleIdentifier.Should().BeFalse();
        Fts5Expression.From(query).Should().Be("\"NCT03280056\" AND \"safety\"*");
    }

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public void Hostile_input_becomes_quoted_terms_or_a_problem_never_fts_syntax(string typed)
    {
        var query = SearchQueryParser.Parse(typed);
        var expression = Fts5Expression.From(query);

        if (expression is null)
        {
            (query.IsEmpty || !string.IsNullOrWhiteSpace(query.Problem)).Should().BeTrue("a query with nothing to search says so");
            return;
        }
        SafeExpression().IsMatch(expression).Should().BeTrue($"“{typed}” gave {expression}");
        expression.Should().NotContain("\uE000").And.NotContain("\0");
    }

    [Fact]
    public void Quotes_inside_a_term_are_doubled()
    {
        Fts5Expression.Quote("say \"hi\"").Should().Be("\"say \"\"hi\"\"\"");
    }

    [Fact]
    public void Very_long_input_is_cut_with_a_note()
    {
        var typed = string.Concat(Enumerable.Repeat("mesenchymal stromal \"cells ", 2000));

        var query = SearchQueryParser.Parse(typed);

        query.Text.Length.Should().BeLessThanOrEqualTo(SearchQueryParser.MaxLength);
        (query.Required.Sum(g => g.Count) + query.Excluded.Count).Should().BeLessThanOrEqualTo(SearchQueryParser.MaxTerms);
        query.Notes.Should().NotBeEmpty();
        Fts5Expression.From(query).Should().NotBeNull();
    }

    [Fact]
    public void Only_excluded_words_is_a_problem_with_a_hint()
    {
        var query = SearchQueryParser.Parse("-cord -blood");

        query.Problem.Should().Contain("Add a word");
        Fts5Expression.From(query).Should().BeNull();
    }

    [Fact]
    public void Nothing_typed_is_an_empty_query_without_a_problem()
    {
        SearchQueryParser.Parse("   ").IsEmpty.Should().BeTrue();
        SearchQueryParser.Parse(null).Problem.Should().BeNull();
    }

    [Fact]
    public void Highlight_markers_become_balanced_runs()
    {
        var o = SearchHighlight.Open;
        var c = SearchHighlight.Close;

        SearchHighlight.Runs($"a {o}b{c} {c}c {o}{o}d").Should().Equal(("a ", false), ("b", true), (" c ", false), ("d", true));
    }

    // Quoted strings (inner quotes doubled), optional *, and only the operators and brackets we write.
    [GeneratedRegex("""^(?:\s|\(|\)|AND|OR|NOT|"(?:[^"]|"")*"\*?)+$""")]
    private static partial Regex SafeExpression();
}
