using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace KnowledgeBase.Data;

/// <summary>Rows and checksum (lowercase hex SHA-256) of one table.</summary>
public sealed record TableChecksum(string Table, long Rows, string Checksum)
{
    /// <summary>The first 16 hex digits: enough to compare by eye in a printed list.</summary>
    public string ShortChecksum => Checksum[..16];
}

/// <summary>
/// Row count and SHA-256 per table, computed the same way on SQLite and PostgreSQL so that a copy can be
/// verified: rows in primary-key order, each value read through the model's type mapping (so a list is a
/// list whether stored as JSON text or as a text[] array) and written in one canonical form: timestamps
/// as UTC to the microsecond (PostgreSQL's resolution), JSON with sorted keys, numbers invariant.
/// </summary>
public static class TableChecksums
{
    private static readonly MethodInfo GetFieldValue = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFieldValue))!;

    /// <summary>Every table of the model, in an order that inserts principals before dependents.</summary>
    public static IReadOnlyList<ITable> TablesInDependencyOrder(KnowledgeBaseDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tables = db.Model.GetRelationalModel().Tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var ordered = new List<ITable>();
        var visiting = new HashSet<ITable>();
        void Visit(ITable table)
        {
            if (ordered.Contains(table) || !visiting.Add(table)) return;
            foreach (var principal in table.ForeignKeyConstraints.Select(f => f.PrincipalTable).Where(p => p != table)) Visit(principal);
            ordered.Add(table);
        }
        foreach (var table in tables) Visit(table);
        return ordered;
    }

    /// <summary>The checksum of every table (on the context's current connection and transaction, if any).</summary>
    public static async Task<IReadOnlyList<TableChecksum>> ComputeAsync(KnowledgeBaseDbContext db, CancellationToken ct = default)
    {
        var result = new List<TableChecksum>();
        foreach (var table in TablesInDependencyOrder(db).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long rows = 0;
            await foreach (var row in ReadRowsAsync(db, table, ct))
            {
                rows++;
                hash.AppendData(Encoding.UTF8.GetBytes(string.Join('\u001f', row.Select(Canonical)) + "\u001e"));
            }
            result.Add(new(table.Name, rows, Convert.ToHexStringLower(hash.GetHashAndReset())));
        }
        return result;
    }

    /// <summary>The table's columns in a fixed order, with the type mapping that reads them on this provider.</summary>
    internal static IReadOnlyList<IColumn> Columns(ITable table) => table.Columns.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();

    /// <summary>A JSON document column (an owned collection stored as JSON) rather than a mapped property.</summary>
    internal static bool IsJsonDocument(IColumn column) => column.PropertyMappings.Count == 0;

    /// <summary>Rows in primary-key order (columns by name) as model-level values (lists, enums, DateTime, JSON text).</summary>
    internal static async IAsyncEnumerable<object?[]> ReadRowsAsync(KnowledgeBaseDbContext db, ITable table, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        // The same table as this context's provider maps it (the caller may hold the other provider's).
        table = db.Model.GetRelationalModel().FindTable(table.Name, table.Schema) ?? throw new InvalidOperationException($"Table {table.Name} is not in the model.");
        var columns = Columns(table);
        var key = table.PrimaryKey ?? throw new InvalidOperationException($"Table {table.Name} has no primary key.");
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))} FROM {sql.DelimitIdentifier(table.Name)} " +
                              $"ORDER BY {string.Join(", ", key.Columns.Select(c => sql.DelimitIdentifier(c.Name)))}";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = new object?[columns.Count];
            for (var i = 0; i < columns.Count; i++) row[i] = await reader.IsDBNullAsync(i, ct) ? null : Read(reader, i, columns[i]);
            yield return row;
        }
    }

    private static object? Read(DbDataReader reader, int ordinal, IColumn column)
    {
        if (IsJsonDocument(column)) return new JsonText(reader.GetString(ordinal));
        var mapping = column.PropertyMappings[0].TypeMapping;
        var converter = mapping.Converter;
        var providerType = converter?.ProviderClrType ?? mapping.ClrType;
        providerType = Nullable.GetUnderlyingType(providerType) ?? providerType;
        var raw = GetFieldValue.MakeGenericMethod(providerType).Invoke(reader, [ordinal]);
        var value = converter is null ? raw : converter.ConvertFromProvider(raw);
        // SQLite hands back DateTime without a kind; the app stores UTC only.
        return value is DateTime { Kind: DateTimeKind.Unspecified } unspecified ? DateTime.SpecifyKind(unspecified, DateTimeKind.Utc) : value;
    }

    /// <summary>The text of a JSON document column, kept apart from ordinary strings.</summary>
    internal sealed record JsonText(string Json);

    internal static string Canonical(object? value) => value switch
    {
        null => "\u0000",
        string s => "s:" + s,
        bool b => b ? "b:1" : "b:0",
        Enum e => "e:" + e.ToString(),
        DateTime t => "t:" + new DateTime(t.Ticks - (t.Ticks % 10), DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        DateTimeOffset t => "t:" + new DateTime(t.UtcTicks - (t.UtcTicks % 10), DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        double d => "f:" + d.ToString("R", CultureInfo.InvariantCulture),
        float f => "f:" + f.ToString("R", CultureInfo.InvariantCulture),
        decimal m => "f:" + m.ToString(CultureInfo.InvariantCulture),
        JsonText j => "j:" + CanonicalJson(JsonNode.Parse(j.Json)),
        IFormattable n => "i:" + n.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable list => "l:" + JsonSerializer.Serialize(list.Cast<object?>().Select(Canonical).ToList()),
        _ => "?:" + value,
    };

    private static string CanonicalJson(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Key) + ":" + CanonicalJson(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(CanonicalJson)) + "]",
        _ => node.ToJsonString(),
    };
}
