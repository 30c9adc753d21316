using System.Data;
using System.Data.Common;
using System.Globalization;
using KnowledgeBase.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace KnowledgeBase.Data.Copying;

/// <summary>The outcome of a copy: each table's rows and checksum, equal on both sides.</summary>
public sealed record CopyReport(IReadOnlyList<TableChecksum> Tables);

/// <summary>Raised when a copy is refused or fails its verification; nothing was written to the target.</summary>
public sealed class DatabaseCopyException(string message) : Exception(message);

/// <summary>
/// Copies a whole knowledge base from one database into an EMPTY one, between providers (SQLite to
/// PostgreSQL and back). Both are migrated first; the target is refused if it holds any row beyond what the
/// migrations put there. Rows are inserted table by table (principals first) in batches, inside ONE
/// transaction on the target, keeping their ids; PostgreSQL's identity sequences are moved past the copied
/// ids; then every table's row count and checksum (<see cref="TableChecksums"/>) are compared with the
/// source's before committing, so the target ends up either an exact copy or untouched.
/// </summary>
public sealed class DatabaseCopier(KnowledgeBaseDbContext source, KnowledgeBaseDbContext target)
{
    /// <summary>Parameters per INSERT statement stay well below SQLite's limit (32766).</summary>
    private const int MaxParametersPerStatement = 20_000;

    /// <summary>Unstorable values listed in the error; the rest are counted.</summary>
    private const int MaxUnstorableListed = 20;

    public async Task<CopyReport> CopyAsync(IProgress<string>? progress = null, CancellationToken ct = default)
    {
        progress?.Report("Applying migrations to the source and the target");
        await source.Database.MigrateAsync(ct);
        await target.Database.MigrateAsync(ct);

        var tables = TableChecksums.TablesInDependencyOrder(target);
        await RefuseNonEmptyTargetAsync(tables, ct);

        await using var read = await source.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct); // one consistent snapshot
        await using var write = await target.Database.BeginTransactionAsync(ct);

        // Rows the migrations seeded (therapy types, tag categories) are replaced by the source's, which editors may have changed.
        foreach (var table in tables.Reverse()) await ExecuteAsync(target, $"DELETE FROM {Quote(target, table.Name)}", ct);

        var unstorable = new List<string>();
        foreach (var table in tables)
        {
            var copied = await CopyTableAsync(table, unstorable, ct);
            progress?.Report($"{table.Name}: {copied.ToString(CultureInfo.InvariantCulture)} rows");
        }
        if (unstorable.Count > 0)
        {
            throw new DatabaseCopyException(
                $"{unstorable.Count.ToString(CultureInfo.InvariantCulture)} value(s) hold characters a database cannot store as text, so nothing was written " +
                "(they were stored before such characters were cleaned on the way in; correct them in the source and copy again):\n  " +
                string.Join("\n  ", unstorable.Take(MaxUnstorableListed)) +
                (unstorable.Count > MaxUnstorableListed ? $"\n  ... and {(unstorable.Count - MaxUnstorableListed).ToString(CultureInfo.InvariantCulture)} more" : ""));
        }
        if (target.Database.IsNpgsql()) await ResetSequencesAsync(tables, ct);

        progress?.Report("Verifying row counts and checksums");
        var expected = await TableChecksums.ComputeAsync(source, ct);
        var actual = await TableChecksums.ComputeAsync(target, ct);
        var differences = expected.Zip(actual).Where(p => p.First != p.Second)
            .Select(p => $"{p.First.Table}: source {p.First.Rows} rows {p.First.Checksum[..12]}, target {p.Second.Rows} rows {p.Second.Checksum[..12]}")
            .ToList();
        if (differences.Count > 0)
            throw new DatabaseCopyException("The copy differs from the source, so nothing was written:\n  " + string.Join("\n  ", differences));

        await write.CommitAsync(ct);
        return new(expected);
    }

    private async Task RefuseNonEmptyTargetAsync(IReadOnlyList<ITable> tables, CancellationToken ct)
    {
        var occupied = new List<string>();
        var designModel = target.GetService<IDesignTimeModel>().Model; // the runtime model does not keep seed data
        foreach (var table in tables)
        {
            var seeded = table.EntityTypeMappings.Sum(m => designModel.FindEntityType(m.TypeBase.Name)?.GetSeedData().Count() ?? 0);
            var rows = await CountAsync(target, table, ct);
            if (rows > seeded) occupied.Add($"{table.Name} ({rows.ToString(CultureInfo.InvariantCulture)} rows)");
        }
        if (occupied.Count > 0)
            throw new DatabaseCopyException($"The target database is not empty: {string.Join(", ", occupied)}. Copy only into a new, empty database.");
    }

    /// <summary>
    /// Copies one table's rows. A text value holding a NUL or a lone surrogate (which PostgreSQL refuses and
    /// UTF-8 cannot hold) is added to <paramref name="unstorable"/> with its table, key and column; from the
    /// first one on, rows are only read, so that every such value is reported and the copy is refused whole.
    /// </summary>
    private async Task<long> CopyTableAsync(ITable table, List<string> unstorable, CancellationToken ct)
    {
        var columns = TableChecksums.Columns(table);
        var keys = (table.PrimaryKey?.Columns ?? []).Select(k => columns.ToList().FindIndex(c => c.Name == k.Name)).Where(i => i >= 0).ToList();
        var rowsPerBatch = Math.Clamp(MaxParametersPerStatement / columns.Count, 1, 1000);
        var batch = new List<object?[]>(rowsPerBatch);
        long count = 0;
        await foreach (var row in TableChecksums.ReadRowsAsync(source, table, ct))
        {
            for (var c = 0; c < columns.Count; c++)
            {
                var problem = row[c] switch
                {
                    string text => StoredText.Unstorable(text),
                    // PostgreSQL's jsonb refuses the escaped NUL too.
                    TableChecksums.JsonText json when json.Json.Contains("\\u0000", StringComparison.OrdinalIgnoreCase) => "an escaped NUL character (\\u0000) in the JSON",
                    TableChecksums.JsonText json => StoredText.Unstorable(json.Json),
                    _ => null,
                };
                if (problem is not null)
                {
                    var key = string.Join(", ", keys.Select(k => $"{columns[k].Name} {Convert.ToString(row[k], CultureInfo.InvariantCulture)}"));
                    unstorable.Add($"{table.Name} ({key}), column {columns[c].Name}: {problem}");
                }
            }
            count++;
            if (unstorable.Count > 0) continue;
            batch.Add(row);
            if (batch.Count == rowsPerBatch)
            {
                await InsertAsync(table, columns, batch, ct);
                batch.Clear();
            }
        }
        if (batch.Count > 0 && unstorable.Count == 0) await InsertAsync(table, columns, batch, ct);
        return count;
    }

    private async Task InsertAsync(ITable table, IReadOnlyList<IColumn> columns, List<object?[]> rows, CancellationToken ct)
    {
        var connection = target.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = target.Database.CurrentTransaction!.GetDbTransaction();
        var values = new List<string>(rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var placeholders = new string[columns.Count];
            for (var c = 0; c < columns.Count; c++)
            {
                var name = $"p{r.ToString(CultureInfo.InvariantCulture)}_{c.ToString(CultureInfo.InvariantCulture)}";
                command.Parameters.Add(CreateParameter(command, name, columns[c], rows[r][c]));
                // A JSON document goes in as text; PostgreSQL's jsonb column needs the cast.
                placeholders[c] = TableChecksums.IsJsonDocument(columns[c]) && target.Database.IsNpgsql() ? $"CAST(@{name} AS {columns[c].StoreType})" : "@" + name;
            }
            values.Add("(" + string.Join(", ", placeholders) + ")");
        }
        command.CommandText = $"INSERT INTO {Quote(target, table.Name)} ({string.Join(", ", columns.Select(c => Quote(target, c.Name)))}) VALUES {string.Join(", ", values)}";
        await command.ExecuteNonQueryAsync(ct);
    }

    private static DbParameter CreateParameter(DbCommand command, string name, IColumn column, object? value)
    {
        if (value is TableChecksums.JsonText json) value = json.Json;
        if (TableChecksums.IsJsonDocument(column))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = DbType.String;
            parameter.Value = value ?? DBNull.Value;
            return parameter;
        }
        // The type mapping applies its own value converter (enum to name, list to JSON on SQLite).
        return column.PropertyMappings[0].TypeMapping.CreateParameter(command, name, value, column.IsNullable);
    }

    /// <summary>Moves each identity sequence past the highest copied id, so new rows get new ids.</summary>
    private async Task ResetSequencesAsync(IReadOnlyList<ITable> tables, CancellationToken ct)
    {
        foreach (var table in tables)
        {
            if (table.PrimaryKey is not { Columns: [var key] } || key.ProviderClrType != typeof(int) && key.ProviderClrType != typeof(long)) continue;
            var t = Quote(target, table.Name);
            var k = Quote(target, key.Name);
            var literal = "'" + t.Replace("'", "''", StringComparison.Ordinal) + "'";
            await ExecuteAsync(target,
                $"SELECT setval(seq, COALESCE((SELECT MAX({k}) FROM {t}), 0) + 1, false) FROM (SELECT pg_get_serial_sequence({literal}, '{key.Name}') AS seq) s WHERE seq IS NOT NULL",
                ct);
        }
    }

    private static async Task<long> CountAsync(KnowledgeBaseDbContext db, ITable table, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {Quote(db, table.Name)}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(KnowledgeBaseDbContext db, string sql, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string Quote(KnowledgeBaseDbContext db, string identifier) => db.GetService<ISqlGenerationHelper>().DelimitIdentifier(identifier);
}
