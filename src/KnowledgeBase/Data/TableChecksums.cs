using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace KnowledgeBase.Data;

/// <summary>A table to checksum: its columns (with the CLR type the provider stores) and its primary key.</summary>
public sealed record ChecksumTable(string Name, IReadOnlyList<ChecksumColumn> Columns, IReadOnlyList<string> KeyColumns);

public sealed record ChecksumColumn(string Name, Type ProviderType);

/// <summary>A table's row count and checksum (lowercase hex SHA-256).</summary>
public sealed record TableChecksum(string Table, long Rows, string Checksum)
{
    /// <summary>The first 16 hex digits: enough to compare by eye in a printed list.</summary>
    public string ShortChecksum => Checksum[..16];
}

/// <summary>
/// A deterministic checksum of every table's content, the same on any provider for the same rows:
/// each row's values are written in a canonical form (by the column's provider CLR type, so SQLite's
/// text dates and PostgreSQL's timestamps agree), columns in name order, rows in primary-key order
/// (sorted here, not by the database's collation), and the whole hashed with SHA-256.
/// See docs/decisions/0011-table-checksums.md.
/// </summary>
public static class TableChecksums
{
    private static readonly ChecksumTable MigrationsHistory = new("__EFMigrationsHistory",
        [new("MigrationId", typeof(string)), new("ProductVersion", typeof(string))], ["MigrationId"]);

    /// <summary>The tables of <paramref name="model"/> plus the migrations history, by name.</summary>
    public static IReadOnlyList<ChecksumTable> TablesOf(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.GetRelationalModel().Tables
            .Select(t => new ChecksumTable(
                t.Name,
                t.Columns.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => new ChecksumColumn(c.Name, Nullable.GetUnderlyingType(c.ProviderClrType) ?? c.ProviderClrType)).ToList(),
                t.PrimaryKey?.Columns.Select(c => c.Name).ToList() ?? []))
            .Append(MigrationsHistory)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Checksums of every table of the knowledge base behind <paramref name="db"/>.</summary>
    public static async Task<IReadOnlyList<TableChecksum>> ComputeAsync(KnowledgeBaseDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(cancellationToken);
        try
        {
            return await ComputeAsync(connection, TablesOf(db.Model), cancellationToken);
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }

    /// <summary>Checksums of <paramref name="tables"/> read through an open <paramref name="connection"/> (any provider).</summary>
    public static async Task<IReadOnlyList<TableChecksum>> ComputeAsync(DbConnection connection, IReadOnlyList<ChecksumTable> tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tables);
        var result = new List<TableChecksum>(tables.Count);
        foreach (var table in tables)
            result.Add(await ComputeAsync(connection, table, cancellationToken));
        return result;
    }

    private static async Task<TableChecksum> ComputeAsync(DbConnection connection, ChecksumTable table, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", table.Columns.Select(c => Quote(c.Name)))} FROM {Quote(table.Name)}";
        var keyIndexes = table.KeyColumns.Select(k => table.Columns.ToList().FindIndex(c => c.Name == k)).ToArray();
        var rows = new List<(object?[] Key, byte[] Hash)>();
        var buffer = new MemoryStream();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                buffer.SetLength(0);
                var canonical = new string?[table.Columns.Count];
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    canonical[i] = Canonical(reader.IsDBNull(i) ? null : reader.GetValue(i), table.Columns[i].ProviderType);
                    WriteField(buffer, canonical[i]);
                }
                var key = keyIndexes.Length > 0
                    ? keyIndexes.Select(k => SortKey(canonical[k])).ToArray()
                    : [Convert.ToHexString(SHA256.HashData(buffer.ToArray()))];
                rows.Add((key, SHA256.HashData(buffer.ToArray())));
            }
        }
        rows.Sort((a, b) => CompareKeys(a.Key, b.Key));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (_, rowHash) in rows) hash.AppendData(rowHash);
        return new TableChecksum(table.Name, rows.Count, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>The canonical text of a value: a type letter, then an invariant rendering.</summary>
    internal static string? Canonical(object? value, Type providerType)
    {
        if (value is null or DBNull) return null;
        var ci = CultureInfo.InvariantCulture;
        if (providerType == typeof(DateTime))
        {
            var at = value is string s ? DateTime.Parse(s, ci, DateTimeStyles.RoundtripKind) : Convert.ToDateTime(value, ci);
            return "T" + at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", ci);
        }
        if (providerType == typeof(DateTimeOffset))
        {
            var at = value is string s ? DateTimeOffset.Parse(s, ci, DateTimeStyles.RoundtripKind) : value is DateTime d ? new DateTimeOffset(d) : (DateTimeOffset)value;
            return "O" + at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", ci);
        }
        if (providerType == typeof(bool) || providerType == typeof(long) || providerType == typeof(int) || providerType == typeof(short) || providerType == typeof(byte))
            return "I" + Convert.ToInt64(value, ci).ToString(ci);
        if (providerType == typeof(double) || providerType == typeof(float))
            return "R" + Convert.ToDouble(value, ci).ToString("R", ci);
        if (providerType == typeof(decimal))
            return "D" + Convert.ToDecimal(value, ci).ToString("0.############################", ci);
        if (providerType == typeof(Guid))
            return "G" + (value is string g ? Guid.Parse(g) : (Guid)value).ToString("D");
        return value switch
        {
            byte[] bytes => "B" + Convert.ToHexStringLower(bytes),
            string text => "S" + text,
            _ => "S" + Convert.ToString(value, ci),
        };
    }

    private static object? SortKey(string? canonical) =>
        canonical is not null && canonical[0] == 'I' ? long.Parse(canonical.AsSpan(1), CultureInfo.InvariantCulture) : canonical;

    private static int CompareKeys(object?[] a, object?[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var c = (a[i], b[i]) switch
            {
                (null, null) => 0,
                (null, _) => -1,
                (_, null) => 1,
                (long x, long y) => x.CompareTo(y),
                (var x, var y) => string.CompareOrdinal(x.ToString(), y.ToString()),
            };
            if (c != 0) return c;
        }
        return 0;
    }

    /// <summary>Length-prefixed, so ("ab", "c") and ("a", "bc") differ; -1 marks NULL.</summary>
    private static void WriteField(MemoryStream buffer, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, -1);
            buffer.Write(length);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
