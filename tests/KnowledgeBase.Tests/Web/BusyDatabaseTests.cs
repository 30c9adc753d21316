using System.Net;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// An editor's save while another connection holds SQLite's write lock past the busy timeout (here one second):
/// the claim page comes back with what was typed and a message, never an error page, and nothing half-saved.
/// </summary>
public sealed class BusyDatabaseTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-busy-").FullName;
    private readonly KnowledgeBaseAppFactory _factory;

    public BusyDatabaseTests()
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "knowledgebase.db"), DefaultTimeout = 1 }.ToString();
        _factory = KnowledgeBaseAppFactory.OnDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, connectionString));
    }

    public void Dispose()
    {
        _factory.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }

    [SqliteFact]
    public async Task A_save_that_cannot_get_the_write_lock_shows_the_form_again_with_the_input_kept()
    {
        var email = $"editor-{Guid.NewGuid():N}@example.org";
        await _factory.CreateAccountAsync(email, AccountRole.Editor);
        using var editor = _factory.CreateBrowser();
        await editor.SignInAsync(email);
        var (claimId, studyId) = await _factory.QueryAsync(async db =>
            (await db.Claims.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(), await db.Studies.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync()));
        var page = await editor.GetPageAsync($"/claims/{claimId}?target=study:{studyId}");
        var action = $"/claims/{claimId}/links";
        const string note = "Typed while another editor's import held the database.";

        HttpResponseMessage response;
        await using (var other = new SqliteConnection(_factory.Database.ConnectionString))
        {
            await other.OpenAsync();
            await using (var begin = other.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
            }
            response = await editor.PostFormAsync(action, page, new Dictionary<string, string>
            {
                ["Target"] = $"study:{studyId}",
                ["Relation"] = "CitesExplicitly",
                ["Assessment"] = "Overstated",
                ["Note"] = note,
                ["Version"] = page.FormValue(action, "Version"),
                ["LoadedAt"] = page.FormValue(action, "LoadedAt"),
            });
        }

        using (response)
        {
            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            var shown = await WebTestExtensions.ParseAsync(response);
            shown.QuerySelector("[role=alert]")!.TextContent.Should().Contain("busy").And.Contain("nothing was saved");
            shown.QuerySelector($"form[action='{action}'] textarea[name='Note']")!.TextContent.Should().Be(note);
        }
        (await _factory.QueryAsync(db => db.EvidenceLinks.AnyAsync(l => l.Note == note))).Should().BeFalse();
    }
}
