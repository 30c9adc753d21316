using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KnowledgeBase.Synthetic;

/// <summary>
/// One prepared INSERT for a table, its columns named and checked against the EF model: a column the
/// model has but the generator neither writes nor deliberately leaves NULL is an error at start-up, so
/// a schema change (a new facet column, say) fails the generator loudly instead of leaving rows the
/// pages cannot show. Values are given as the entity's CLR values (enums, lists, dates) and converted
/// with the model's own value converters, so they are stored exactly as EF would store them.
/// </summary>
internal sealed class BulkTable : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;
    private readonly ValueConverter?[] _converters;

    /// <param name="written">The columns each <see cref="Insert"/> gives values for, in that order.</param>
    /// <param name="leftNull">Nullable columns the generator leaves empty on purpose.</param>
    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Table and column names come from the EF model, not from input.")]
    public BulkTable(SqliteConnection connection, IModel model, string tableName, IReadOnlyList<string> written, IReadOnlyList<string>? leftNull = null)
    {
        var table = model.GetRelationalModel().FindTable(tableName, null)
            ?? throw new InvalidOperationException($"synthetic corpus: the model has no table {tableName}");
        leftNull ??= [];
        var columns = table.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var name in written.Concat(leftNull))
        {
            if (!columns.ContainsKey(name))
                throw new InvalidOperationException($"synthetic corpus: table {tableName} has no column {name} (the generator is out of date with the model)");
        }
        foreach (var name in leftNull)
        {
            if (!columns[name].IsNullable)
                throw new InvalidOperationException($"synthetic corpus: {tableName}.{name} is NOT NULL; the generator must write a value for it");
        }
        var missing = columns.Keys.Except(written).Except(leftNull).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"synthetic corpus: the generator writes no value for {tableName}.{string.Join($", {tableName}.", missing)}; " +
                "add realistic values in KnowledgeBase/Synthetic/CorpusGenerator.cs (or list the column as left NULL)");
        }

        TableName = tableName;
        _command = connection.CreateCommand();
        _command.CommandText =
            $"INSERT INTO \"{tableName}\" ({string.Join(", ", written.Select(c => $"\"{c}\""))}) " +
            $"VALUES ({string.Join(", ", written.Select((_, i) => $"$p{i}"))})";
        _parameters = written.Select((_, i) => _command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        _converters = written.Select(name => columns[name].PropertyMappings.Count > 0 ? columns[name].PropertyMappings[0].TypeMapping.Converter : null).ToArray();
    }

    public string TableName { get; }

    public long Rows { get; private set; }

    /// <summary>The transaction the next inserts run in (Microsoft.Data.Sqlite requires commands to name it).</summary>
    public SqliteTransaction? Transaction
    {
        get => _command.Transaction;
        set => _command.Transaction = value;
    }

    public void Insert(params ReadOnlySpan<object?> values)
    {
        if (values.Length != _parameters.Length)
            throw new ArgumentException($"{TableName}: {values.Length} values for {_parameters.Length} columns", nameof(values));
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (value is not null && _converters[i] is { } converter && converter.ModelClrType.IsInstanceOfType(value))
                value = converter.ConvertToProvider(value);
            _parameters[i].Value = value ?? DBNull.Value;
        }
        if (Rows == 0) _command.Prepare();
        _command.ExecuteNonQuery();
        Rows++;
    }

    public void Dispose() => _command.Dispose();
}
