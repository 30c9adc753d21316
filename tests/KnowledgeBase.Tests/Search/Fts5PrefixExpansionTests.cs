using KnowledgeBase.Search;
using KnowledgeBase.Search.Sqlite;
using Microsoft.Data.Sqlite;

namespace KnowledgeBase.Tests.Search;

/// <summary>
/// Prefix terms written as the OR of the index's own words must match exactly the rows the prefix matches
/// (FTS5 on a real SQLite file with the claims index's layout and tokenizer), and be written when they can.
/// </summary>
public sealed class Fts5PrefixExpansionTests : IDisposable
{
    private static readonly string[] Texts =
    [
        "Stem cells and cellular therapy slowed ALS progression",
        "The cell count rose; cellularity fell in Wharton's jelly",
        "Generation of general and generous claims about regeneration",
        "Mesenchymal stromal cells, MSC-derived exosomes, ALSFRS-R slope",
        "Café patients reported relief; cafeteria studies were cancelled",
        "Running runners ran: the runner's high is not a treatment",
        "Stemming the tide: stem-cell clinics and stemmed claims",
        "Intrathecal injections of neurotrophic factor secreting cells",
        "Hyperbaric oxygen; hyperbolic promises; hyperthermia",
        "Knee osteoarthritis improved in 90% of knees treated",
    ];

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kb-fts-");
    private readonly SqliteConnection _connection;
    private readonly SqliteSearchIndex _index = SqliteSearchSchema.Claims;

    public Fts5PrefixExpansionTests()
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_dir.FullName, "fts.db"), Pooling = false }.ToString());
        _connection.Open();
        Execute("CREATE TABLE \"Claims\" (\"Id\" INTEGER PRIMARY KEY, \"Quote\" TEXT NOT NULL);");
        Execute(_index.CreateTableSql);
        foreach (var trigger in _index.CreateTriggerSql) Execute(trigger);
        for (var i = 0; i < Texts.Length; i++)
        {
            using var insert = _connection.CreateCommand();
            insert.CommandText = "INSERT INTO \"Claims\" (\"Id\", \"Quote\") VALUES ($id, $quote);";
            insert.Parameters.AddWithValue("$id", i + 1);
            insert.Parameters.AddWithValue("$quote", Texts[i]);
            insert.ExecuteNonQuery();
        }
        // A deleted row's words may linger in the vocabulary: they must not change what matches.
        Execute("INSERT INTO \"Claims\" (\"Id\", \"Quote\") VALUES (99, 'cellophane wrapped hyperbaric chambers');");
        Execute("DELETE FROM \"Claims\" WHERE \"Id\" = 99;");
    }

    public void Dispose()
    {
        _connection.Dispose();
        _dir.Delete(recursive: true);
    }

    [Theory]
    [InlineData("cell*", new[] { "cell", "cellular" })]
    [InlineData("cells*", new[] { "cell", "cellular" })]
    [InlineData("hyper*", new[] { "hyperbar", "hyperbol", "hyperthermia" })]
    public async Task A_prefix_becomes_the_index_s_words_that_start_with_it(string typed, string[] expected)
    {
        var query = SearchQueryParser.Parse(typed);

        var expansions = await Fts5PrefixExpansion.ExpandAsync(_connection, _index, query, CancellationToken.None);

        var term = query.Required.Single().Single();
        var start = expected[0][..4];
        expansions[term].Should().Contain(expected).And.OnlyContain(w => w.StartsWith(start, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_phrase_prefix_keeps_its_leading_words()
    {
        var query = SearchQueryParser.Parse("\"stem cell\"*");

        var expansions = await Fts5PrefixExpansion.ExpandAsync(_connection, _index, query, CancellationToken.None);

        expansions[query.Required.Single().Single()].Should().Contain("stem cell").And.OnlyContain(p => p.StartsWith("stem cell", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_prefix_of_every_word_matches_the_same_rows_expanded_or_not()
    {
        var words = Texts.SelectMany(t => t.Split([' ', ',', ';', ':', '.'], StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();
        var typed = words.SelectMany(w => Enumerable.Range(3, Math.Max(0, w.Length - 2)).Select(n => w[..n] + "*"))
            .Concat(["stem cel*", "\"stem cell\"*", "cell* -hyper*", "ALS OR gener*", "knee* osteo*", "café*", "cafe*", "wharton's*"])
            .Distinct()
            .ToList();
        var expanded = 0;
        foreach (var text in typed)
        {
            var query = SearchQueryParser.Parse(text);
            if (Fts5Expression.From(query) is not { } plain) continue;
            var expansions = await Fts5PrefixExpansion.ExpandAsync(_connection, _index, query, CancellationToken.None);
            if (expansions.Count > 0) expanded++;
            var rewritten = Fts5Expression.From(query, expansions)!;

            Matches(rewritten).Should().Equal(Matches(plain), $"\"{text}\" is {plain} and {rewritten}");
        }
        expanded.Should().BeGreaterThan(typed.Count / 2, "most prefixes have few enough words to be written out");
    }

    [Fact]
    public void An_expansion_is_written_as_an_or_of_phrases_and_a_single_word_as_itself()
    {
        var query = SearchQueryParser.Parse("stem* cell* -hyper*");
        var terms = query.Required.SelectMany(g => g).Concat(query.Excluded).ToList();
        var expansions = new Dictionary<SearchTerm, IReadOnlyList<string>>
        {
            [terms[0]] = ["stem"],
            [terms[1]] = ["cell", "cellular"],
            [terms[2]] = ["hyperbar", "hyperthermia"],
        };

        Fts5Expression.From(query, expansions).Should().Be("(\"stem\" AND (\"cell\" OR \"cellular\")) NOT (\"hyperbar\" OR \"hyperthermia\")");
    }

    private List<long> Matches(string expression)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT rowid FROM \"{_index.Table}\" WHERE \"{_index.Table}\" MATCH $m ORDER BY rowid;";
        command.Parameters.AddWithValue("$m", expression);
        using var reader = command.ExecuteReader();
        var rows = new List<long>();
        while (reader.Read()) rows.Add(reader.GetInt64(0));
        return rows;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
