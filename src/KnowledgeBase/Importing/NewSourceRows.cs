using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace KnowledgeBase.Importing;

/// <summary>
/// Writes new sources (with their references and detected claims) and their change-history rows with
/// prepared ADO.NET commands on the context's connection and transaction, instead of the change tracker:
/// the importer's fast path for articles from a file name the knowledge base has not seen (decision 0009).
/// Columns and value conversions come from the EF model, so the rows are what <c>SaveChanges</c> would
/// write; the history rows are built by <see cref="ChangeAuditor.Created"/>. Works on SQLite and PostgreSQL.
/// </summary>
internal sealed class NewSourceRows : IDisposable
{
    private readonly KnowledgeBaseDbContext _db;
    private readonly DbConnection _connection;
    private readonly ModelInsert _sources;
    private readonly ModelInsert _references;
    private readonly ModelInsert _claims;
    private readonly ModelInsert _history;
    private readonly DbCommand _fileNameTaken;
    private readonly DbCommand _fileOfHash;
    private readonly DbCommand _studyByIdentifier;
    private readonly DbCommand _trialByNctId;
    private readonly IEntityType _sourceType;
    private readonly IEntityType _claimType;

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Table and column names come from the EF model; values are parameters.")]
    public NewSourceRows(KnowledgeBaseDbContext db)
    {
        _db = db;
        _connection = db.Database.GetDbConnection();
        var model = db.Model;
        _sourceType = model.FindEntityType(typeof(Source))!;
        _claimType = model.FindEntityType(typeof(Claim))!;
        _sources = new ModelInsert(_connection, _sourceType);
        _references = new ModelInsert(_connection, model.FindEntityType(typeof(SourceReference))!);
        _claims = new ModelInsert(_connection, _claimType);
        _history = new ModelInsert(_connection, model.FindEntityType(typeof(ChangeRecord))!);

        var sources = Table(_sourceType);
        var studyType = model.FindEntityType(typeof(Study))!;
        var trialType = model.FindEntityType(typeof(Trial))!;
        _fileNameTaken = Query(_sourceType, $"SELECT 1 FROM {sources} WHERE {Column(_sourceType, nameof(Source.FileName))} = @p0 LIMIT 1", (nameof(Source.FileName), null));
        _fileOfHash = Query(_sourceType, $"SELECT {Column(_sourceType, nameof(Source.FileName))} FROM {sources} WHERE {Column(_sourceType, nameof(Source.ContentHash))} = @p0 LIMIT 1", (nameof(Source.ContentHash), null));
        // As the change-tracking path's query: a study whose PMID or DOI matches (a NULL parameter matches nothing).
        _studyByIdentifier = Query(studyType,
            $"SELECT {Column(studyType, nameof(Study.Id))} FROM {Table(studyType)} WHERE {Column(studyType, nameof(Study.Pmid))} = @p0 OR {Column(studyType, nameof(Study.Doi))} = @p1 LIMIT 1",
            (nameof(Study.Pmid), null), (nameof(Study.Doi), null));
        _trialByNctId = Query(trialType, $"SELECT {Column(trialType, nameof(Trial.Id))} FROM {Table(trialType)} WHERE {Column(trialType, nameof(Trial.NctId))} = @p0 LIMIT 1", (nameof(Trial.NctId), null));
    }

    private DbCommand Query(IEntityType type, string sql, params (string Property, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            var property = type.FindProperty(parameters[i].Property)!;
            command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, $"p{i}", null, nullable: true));
        }
        return command;
    }

    private static string Table(IEntityType type) => Quote(type.GetTableName()!);

    private static string Column(IEntityType type, string property) =>
        Quote(type.FindProperty(property)!.GetColumnName(StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema()))!);

    internal static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>Binds every command to the context's current transaction (SQLite requires it), before each file.</summary>
    public void Enlist()
    {
        var transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var command in Commands()) command.Transaction = transaction;
    }

    private IEnumerable<DbCommand> Commands() =>
        [_sources.Command, _references.Command, _claims.Command, _history.Command, _fileNameTaken, _fileOfHash, _studyByIdentifier, _trialByNctId];

    /// <summary>Whether any stored source came from a file of this name (then the change-tracking path replaces or keeps it).</summary>
    public async Task<bool> FileNameTakenAsync(string fileName, CancellationToken ct)
    {
        _fileNameTaken.Parameters[0].Value = fileName;
        return await _fileNameTaken.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>The file name of the stored source with this content hash, or null.</summary>
    public async Task<string?> FileOfHashAsync(string hash, CancellationToken ct)
    {
        _fileOfHash.Parameters[0].Value = hash;
        return await _fileOfHash.ExecuteScalarAsync(ct) as string;
    }

    public async Task<int?> StudyIdAsync(string? pmid, string? doi, CancellationToken ct)
    {
        if (pmid is null && doi is null) return null;
        _studyByIdentifier.Parameters[0].Value = (object?)pmid ?? DBNull.Value;
        _studyByIdentifier.Parameters[1].Value = (object?)doi ?? DBNull.Value;
        return ToId(await _studyByIdentifier.ExecuteScalarAsync(ct));
    }

    public async Task<int?> TrialIdAsync(string? nctId, CancellationToken ct)
    {
        if (nctId is null) return null;
        _trialByNctId.Parameters[0].Value = nctId;
        return ToId(await _trialByNctId.ExecuteScalarAsync(ct));
    }

    private static int? ToId(object? value) => value is null or DBNull ? null : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Inserts a new source with its references and claims, sets their ids and foreign keys, and writes their history rows.</summary>
    public async Task InsertAsync(Source source, string actor, DateTime now, CancellationToken ct)
    {
        source.Id = (int)await _sources.InsertAsync(source, ct);
        foreach (var reference in source.References)
        {
            reference.SourceId = source.Id;
            reference.Id = (int)await _references.InsertAsync(reference, ct);
        }
        foreach (var claim in source.Claims)
        {
            claim.SourceId = source.Id;
            claim.Id = (int)await _claims.InsertAsync(claim, ct);
        }

        // What the auditor records for an added source and its claims (source references are not audited).
        await _history.InsertAsync(ChangeAuditor.Created(_sourceType, source, source.Id, null, actor, now), ct);
        foreach (var claim in source.Claims)
            await _history.InsertAsync(ChangeAuditor.Created(_claimType, claim, claim.Id, claim.Id, actor, now), ct);
    }

    public void Dispose()
    {
        foreach (var command in Commands()) command.Dispose();
    }

    /// <summary>One prepared <c>INSERT ... RETURNING</c> of every column an entity type maps to (its generated key excepted).</summary>
    private sealed class ModelInsert
    {
        private readonly (DbParameter Parameter, Func<object, object?> Value)[] _columns;

        [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Table and column names come from the EF model; values are parameters.")]
        public ModelInsert(DbConnection connection, IEntityType type)
        {
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var key = type.FindPrimaryKey()!.Properties.Single();
            Command = connection.CreateCommand();
            var names = new List<string>();
            var columns = new List<(DbParameter, Func<object, object?>)>();
            foreach (var property in type.GetProperties())
            {
                if (property == key) continue;
                if (property.GetComputedColumnSql(table) is not null)
                    throw new InvalidOperationException($"{type.ClrType.Name}.{property.Name} is computed by the database; the import's bulk path does not know it");
                if (property.IsShadowProperty())
                    throw new InvalidOperationException($"{type.ClrType.Name}.{property.Name} is a shadow property; the import's bulk path cannot read it from the entity");
                var mapping = property.GetRelationalTypeMapping();
                var getter = property.GetGetter();
                var converter = mapping.Converter;
                names.Add(property.GetColumnName(table)!);
                columns.Add((mapping.CreateParameter(Command, $"p{columns.Count}", null, property.IsNullable),
                    converter is null ? getter.GetClrValue : e => getter.GetClrValue(e) is { } v ? converter.ConvertToProvider(v) : null));
            }
            // An entity's JSON document (the change history's field list): written by ChangesJson, in EF's own layout.
            foreach (var navigation in type.GetNavigations().Where(n => n.TargetEntityType.IsMappedToJson()))
            {
                if (navigation.ClrType != typeof(List<FieldChange>))
                    throw new InvalidOperationException($"{type.ClrType.Name}.{navigation.Name} is stored as JSON; the import's bulk path only writes the change history's field list");
                var target = navigation.TargetEntityType;
                var column = type.GetTableMappings().First().Table.FindColumn(target.GetContainerColumnName()!)!;
                var mapping = column.StoreTypeMapping;
                var getter = navigation.GetGetter();
                var fields = target.GetProperties().Where(p => !p.IsShadowProperty() && !p.IsKey()).ToArray();
                names.Add(column.Name);
                columns.Add((mapping.CreateParameter(Command, $"p{columns.Count}", null, nullable: true),
                    e => ChangesJson.Write(fields, (List<FieldChange>)getter.GetClrValue(e)!)));
            }
            Command.CommandText =
                $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", names.Select(Quote))}) " +
                $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))}) RETURNING {Quote(key.GetColumnName(table)!)}";
            foreach (var (parameter, _) in columns) Command.Parameters.Add(parameter);
            _columns = [.. columns];
        }

        public DbCommand Command { get; }

        public async Task<long> InsertAsync(object entity, CancellationToken ct)
        {
            // Not prepared explicitly: Microsoft.Data.Sqlite keeps a command's compiled statement between executions.
            foreach (var (parameter, value) in _columns) parameter.Value = value(entity) ?? DBNull.Value;
            return Convert.ToInt64(await Command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}

/// <summary>
/// The change history's field list as EF stores an owned collection mapped to JSON: an array of objects
/// whose properties follow the owned type's (JSON names, model order, nulls written), with the default encoder.
/// A test compares it with what <c>SaveChanges</c> writes.
/// </summary>
internal static class ChangesJson
{
    /// <param name="properties">The owned type's stored properties, in model order.</param>
    public static string Write(IReadOnlyList<IProperty> properties, List<FieldChange> changes)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var change in changes)
            {
                writer.WriteStartObject();
                foreach (var property in properties)
                {
                    var name = property.GetJsonPropertyName()!;
                    var value = (string?)property.GetGetter().GetClrValue(change);
                    if (value is null) writer.WriteNull(name);
                    else writer.WriteString(name, value);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
