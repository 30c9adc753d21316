using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Data;

/// <summary>The DbContext writes who changed what, before and after, in the transaction of the change.</summary>
public sealed class ChangeHistoryTests : IAsyncLifetime, IDisposable
{
    private readonly TestDatabase _database = new();
    private int _claimId;

    public async Task InitializeAsync()
    {
        var file = Path.Combine(_database.Folder, "article.txt");
        await File.WriteAllTextAsync(file, "The phase I clinical trial included 8 patients and showed no serious adverse events.\n");
        await using var db = _database.CreateContext();
        await TestDatabase.CreateImporter(db).ImportPathAsync(file);
        _claimId = await db.Claims.Select(c => c.Id).SingleAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _database.Dispose();

    private KnowledgeBaseDbContext ContextAs(string actor)
    {
        var db = _database.CreateContext();
        db.Actor = new SystemActor(actor);
        return db;
    }

    [Fact]
    public async Task An_update_records_each_changed_field_before_and_after_and_who()
    {
        await using (var db = ContextAs("ada@example.org"))
        {
            var claim = await db.Claims.SingleAsync(c => c.Id == _claimId);
            claim.Status = ClaimStatus.Confirmed;
            await db.SaveChangesAsync();
        }

        await using var read = _database.CreateContext();
        var record = await read.ChangeRecords.SingleAsync(r => r.ClaimId == _claimId && r.Action == "updated");
        record.Actor.Should().Be("ada@example.org");
        record.Changes.Should().Equal(new FieldChange("Status", "Candidate", "Confirmed"));
        (await read.Claims.SingleAsync(c => c.Id == _claimId)).Version.Should().Be(1, "each save bumps the concurrency version");
    }

    [Fact]
    public async Task A_tag_created_and_attached_in_one_save_is_named_in_the_claims_history()
    {
        await using (var db = ContextAs("ada@example.org"))
        {
            var claim = await db.Claims.SingleAsync(c => c.Id == _claimId);
            claim.Tags.Add(new Tag { Name = "phase I", NormalizedName = Tag.Normalize("phase I"), Kind = TagKind.Free, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        await using var read = _database.CreateContext();
        var record = await read.ChangeRecords.SingleAsync(r => r.ClaimId == _claimId && r.Action == "tag added");
        record.Changes.Should().Equal(new FieldChange("Tags", null, "phase I"));
        record.EntityId.Should().Be(_claimId);
    }

    [Fact]
    public async Task A_change_whose_history_cannot_be_written_is_not_saved_either()
    {
        await using (var setup = _database.CreateContext())
        {
            // Make writing history fail, as a full disk or a bug would.
            await setup.Database.ExecuteSqlRawAsync(setup.Database.IsNpgsql()
                ? """
                  CREATE FUNCTION refuse_history() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'history refused'; END $$;
                  CREATE TRIGGER refuse_history BEFORE INSERT ON "ChangeRecords" FOR EACH ROW EXECUTE FUNCTION refuse_history();
                  """
                : "CREATE TRIGGER refuse_history BEFORE INSERT ON ChangeRecords BEGIN SELECT RAISE(ABORT, 'history refused'); END;");
        }
        var before = await CountRecordsAsync();

        await using (var db = ContextAs("ada@example.org"))
        {
            var claim = await db.Claims.SingleAsync(c => c.Id == _claimId);
            claim.Status = ClaimStatus.Rejected;
            var save = () => db.SaveChangesAsync();
            await save.Should().ThrowAsync<DbUpdateException>();
        }

        await using var read = _database.CreateContext();
        (await read.Claims.SingleAsync(c => c.Id == _claimId)).Status.Should().Be(ClaimStatus.Candidate, "no change without its record");
        (await CountRecordsAsync()).Should().Be(before);
    }

    private async Task<int> CountRecordsAsync()
    {
        await using var db = _database.CreateContext();
        return await db.ChangeRecords.CountAsync();
    }
}
