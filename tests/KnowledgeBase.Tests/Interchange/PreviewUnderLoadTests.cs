using System.Data.Common;
using System.Globalization;
using System.Text;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Interchange;
using KnowledgeBase.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KnowledgeBase.Tests.Interchange;

/// <summary>
/// The preview of a large reference file: its work grows linearly with the records (counted in queries, the
/// cost that grew with the square of the records before) and it holds no write lock, so other editors' saves
/// go through while it runs.
/// </summary>
public sealed class PreviewUnderLoadTests
{
    private const int Records = 10_000;
    private const int AlreadyStored = 1_000;

    [Fact]
    public async Task A_ten_thousand_record_preview_runs_a_bounded_number_of_queries()
    {
        using var database = new TestDatabase();
        await StoreStudiesAsync(database, AlreadyStored);
        var before = await database.SnapshotAsync();
        var counter = new CommandCounter();
        await using var db = DatabaseSetup.CreateContext(database.Settings, new SystemActor("test"), TimeProvider.System, b => b.AddInterceptors(counter));

        var plan = await new BibliographyImporter(db, TimeProvider.System).PreviewAsync("big.ris", Ris(Records))
            .WaitAsync(TimeSpan.FromSeconds(120));

        plan.Errors.Should().BeEmpty();
        plan.Count(PlannedAction.Add).Should().Be(Records - AlreadyStored);
        (plan.Count(PlannedAction.Update) + plan.Count(PlannedAction.Unchanged)).Should().Be(AlreadyStored, "records whose DOI is stored match it");
        counter.Readers.Should().BeLessThan(100, "identifiers are looked up in batches, not one query per record");
        (await database.SnapshotAsync()).Should().Be(before, "a preview writes nothing");
    }

    [Fact]
    public async Task Another_editors_save_during_a_preview_goes_through_at_once()
    {
        using var database = new TestDatabase();
        await StoreStudiesAsync(database, 10);
        if (database.Settings.Provider == DatabaseProvider.Sqlite)
        {
            await using var wal = database.CreateContext();
            await wal.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;"); // as the app runs it
        }
        // The other editor waits at most one second for the write lock.
        var impatient = database.Settings.Provider == DatabaseProvider.Sqlite
            ? database.Settings with { ConnectionString = new SqliteConnectionStringBuilder(database.ConnectionString) { DefaultTimeout = 1 }.ToString() }
            : database.Settings;
        Exception? saveFailure = null;
        var saved = false;
        var during = new DuringPreview(async () =>
        {
            try
            {
                await using var other = DatabaseSetup.CreateContext(impatient, new SystemActor("other editor"), TimeProvider.System);
                var study = await other.Studies.OrderBy(s => s.Id).FirstAsync();
                study.Design = "Edited while a preview ran";
                await other.SaveChangesAsync();
                saved = true;
            }
            catch (Exception ex) when (ex is DbUpdateException or DbException)
            {
                saveFailure = ex;
            }
        });
        await using var db = DatabaseSetup.CreateContext(database.Settings, new SystemActor("test"), TimeProvider.System, b => b.AddInterceptors(during));

        var plan = await new BibliographyImporter(db, TimeProvider.System).PreviewAsync("big.ris", Ris(2_000));

        plan.Count(PlannedAction.Add).Should().Be(1_990);
        during.Ran.Should().BeTrue("the save ran while the preview was reading");
        saveFailure.Should().BeNull();
        saved.Should().BeTrue();
        await using var check = database.CreateContext();
        (await check.Studies.OrderBy(s => s.Id).Select(s => s.Design).FirstAsync()).Should().Be("Edited while a preview ran");
    }

    /// <summary>A RIS file of <paramref name="count"/> journal articles with DOIs 10.5555/kb.0 … (synthetic).</summary>
    private static string Ris(int count)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"TY  - JOUR\nTI  - Synthetic report number {i} on an imaginary therapy\nAU  - Tester, A\nPY  - 2020\n");
            sb.Append(CultureInfo.InvariantCulture, $"JO  - Journal of Examples\nDO  - 10.5555/kb.{i}\nER  - \n\n");
        }
        return sb.ToString();
    }

    private static async Task StoreStudiesAsync(TestDatabase database, int count)
    {
        await using var db = database.CreateContext();
        for (var i = 0; i < count; i++)
            db.Studies.Add(new Study { Title = $"Stored report {i}", Doi = $"10.5555/kb.{i}", Year = 2020, ImportedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Readers;

        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        {
            Interlocked.Increment(ref Readers);
            return result;
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Readers);
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>Runs an action once, after the preview's first query has been read, while the preview is under way.</summary>
    private sealed class DuringPreview(Func<Task> action) : DbCommandInterceptor
    {
        public bool Ran { get; private set; }

        public override async ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            if (!Ran)
            {
                Ran = true;
                await action();
            }
            return result;
        }
    }
}
