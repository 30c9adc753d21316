using System.Buffers;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace KnowledgeBase.Importing;

/// <summary>
/// Writes new sources (with their references, classification and detected claims) and their change-history rows
/// without the change tracker, on the context's connection and transaction: the importer's fast path for articles from
/// a file name the knowledge base has not seen (decision 0009). Columns and value conversions come from the EF model,
/// so the rows are what <c>SaveChanges</c> would write; the history rows are built by <see cref="ChangeAuditor.Created"/>.
/// On SQLite the statements are prepared on the connection's handle and bound by position (<see cref="SqliteStatement"/>,
/// decision 0046); on PostgreSQL they are ADO.NET commands with <c>RETURNING</c>.
/// </summary>
internal sealed class NewSourceRows : IDisposable
{
    private readonly KnowledgeBaseDbContext _db;
    private readonly DbConnection _connection;
    private readonly ModelInsert _sources;
    private readonly ModelInsert _references;
    private readonly ModelInsert _claims;
    private readonly ModelInsert _history;
    private readonly ModelInsert _therapyKinds;
    private readonly ModelInsert _conditions;
    private readonly string _fileNameTakenSql;
    private readonly string _fileOfHashSql;
    private readonly string _studyByIdentifierSql;
    private readonly string _trialByNctIdSql;
    private readonly IEntityType _sourceType;
    private readonly IEntityType _claimType;

    /// <summary>The ADO.NET commands (not SQLite), built once.</summary>
    private readonly AdoCommands? _ado;

    /// <summary>The SQLite statements, prepared on the handle the connection has (again after it was closed and opened).</summary>
    private SqliteCommands? _sqlite;

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Table and column names come from the EF model; values are parameters.")]
    public NewSourceRows(KnowledgeBaseDbContext db)
    {
        _db = db;
        _connection = db.Database.GetDbConnection();
        var model = db.Model;
        _sourceType = model.FindEntityType(typeof(Source))!;
        _claimType = model.FindEntityType(typeof(Claim))!;
        var onSqlite = _connection is SqliteConnection;
        _sources = new ModelInsert(_sourceType, onSqlite);
        _references = new ModelInsert(model.FindEntityType(typeof(SourceReference))!, onSqlite);
        _claims = new ModelInsert(_claimType, onSqlite);
        _history = new ModelInsert(model.FindEntityType(typeof(ChangeRecord))!, onSqlite);
        _therapyKinds = new ModelInsert(model.FindEntityType(typeof(SourceTherapyKind))!, onSqlite);
        _conditions = new ModelInsert(model.FindEntityType(typeof(SourceCondition))!, onSqlite);

        var sources = Table(_sourceType);
        var studyType = model.FindEntityType(typeof(Study))!;
        var trialType = model.FindEntityType(typeof(Trial))!;
        _fileNameTakenSql = $"SELECT 1 FROM {sources} WHERE {Column(_sourceType, nameof(Source.FileName))} = @p0 LIMIT 1";
        _fileOfHashSql = $"SELECT {Column(_sourceType, nameof(Source.FileName))} FROM {sources} WHERE {Column(_sourceType, nameof(Source.ContentHash))} = @p0 LIMIT 1";
        // As the change-tracking path's query: a study whose PMID or DOI matches (a NULL parameter matches nothing).
        _studyByIdentifierSql = $"SELECT {Column(studyType, nameof(Study.Id))} FROM {Table(studyType)} WHERE {Column(studyType, nameof(Study.Pmid))} = @p0 OR {Column(studyType, nameof(Study.Doi))} = @p1 LIMIT 1";
        _trialByNctIdSql = $"SELECT {Column(trialType, nameof(Trial.Id))} FROM {Table(trialType)} WHERE {Column(trialType, nameof(Trial.NctId))} = @p0 LIMIT 1";

        if (!onSqlite)
        {
            _ado = new AdoCommands(
                [_sources.Ado(_connection), _references.Ado(_connection), _claims.Ado(_connection), _history.Ado(_connection), _therapyKinds.Ado(_connection), _conditions.Ado(_connection)],
                Query(_sourceType, _fileNameTakenSql, nameof(Source.FileName)),
                Query(_sourceType, _fileOfHashSql, nameof(Source.ContentHash)),
                Query(studyType, _studyByIdentifierSql, nameof(Study.Pmid), nameof(Study.Doi)),
                Query(trialType, _trialByNctIdSql, nameof(Trial.NctId)));
        }
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Table and column names come from the EF model; values are parameters.")]
    private DbCommand Query(IEntityType type, string sql, params string[] properties)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < properties.Length; i++)
            command.Parameters.Add(type.FindProperty(properties[i])!.GetRelationalTypeMapping().CreateParameter(command, $"p{i}", null, nullable: true));
        return command;
    }

    private static string Table(IEntityType type) => Quote(type.GetTableName()!);

    private static string Column(IEntityType type, string property) =>
        Quote(type.FindProperty(property)!.GetColumnName(StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema()))!);

    internal static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>
    /// Before each file: binds every command to the context's current transaction (Microsoft.Data.Sqlite requires it of
    /// its commands), or on SQLite prepares the statements on the connection's handle if they are not prepared on it yet.
    /// </summary>
    public void Enlist()
    {
        if (_ado is not null)
        {
            var transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var command in _ado.All()) command.Transaction = transaction;
            return;
        }
        var handle = ((SqliteConnection)_connection).Handle
            ?? throw new InvalidOperationException("the import writes new sources on an open connection");
        if (_sqlite is not null && ReferenceEquals(_sqlite.Handle, handle)) return;
        _sqlite?.Dispose();
        _sqlite = null;
        _sqlite = new SqliteCommands(handle, this);
    }

    private SqliteCommands Sqlite
    {
        get
        {
            Enlist();
            return _sqlite!;
        }
    }

    /// <summary>Whether any stored source came from a file of this name (then the change-tracking path replaces or keeps it).</summary>
    public async Task<bool> FileNameTakenAsync(string fileName, CancellationToken ct)
    {
        if (_ado is null)
        {
            var statement = Sqlite.FileNameTaken;
            statement.Bind(1, fileName);
            return statement.FirstInt64() is not null;
        }
        _ado.FileNameTaken.Parameters[0].Value = fileName;
        return await _ado.FileNameTaken.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>The file name of the stored source with this content hash, or null.</summary>
    public async Task<string?> FileOfHashAsync(string hash, CancellationToken ct)
    {
        if (_ado is null)
        {
            var statement = Sqlite.FileOfHash;
            statement.Bind(1, hash);
            return statement.FirstText();
        }
        _ado.FileOfHash.Parameters[0].Value = hash;
        return await _ado.FileOfHash.ExecuteScalarAsync(ct) as string;
    }

    public async Task<int?> StudyIdAsync(string? pmid, string? doi, CancellationToken ct)
    {
        if (pmid is null && doi is null) return null;
        if (_ado is null)
        {
            var statement = Sqlite.StudyByIdentifier;
            statement.Bind(1, pmid);
            statement.Bind(2, doi);
            return (int?)statement.FirstInt64();
        }
        _ado.StudyByIdentifier.Parameters[0].Value = (object?)pmid ?? DBNull.Value;
        _ado.StudyByIdentifier.Parameters[1].Value = (object?)doi ?? DBNull.Value;
        return ToId(await _ado.StudyByIdentifier.ExecuteScalarAsync(ct));
    }

    public async Task<int?> TrialIdAsync(string? nctId, CancellationToken ct)
    {
        if (nctId is null) return null;
        if (_ado is null)
        {
            var statement = Sqlite.TrialByNctId;
            statement.Bind(1, nctId);
            return (int?)statement.FirstInt64();
        }
        _ado.TrialByNctId.Parameters[0].Value = nctId;
        return ToId(await _ado.TrialByNctId.ExecuteScalarAsync(ct));
    }

    /// <summary>The savepoint each file of a folder's transaction is written under (a bad file is rolled back to it alone).</summary>
    private const string FileSavepoint = "import_file";

    /// <summary>Opens the file's savepoint in the folder's transaction (on SQLite by a prepared statement: EF prepares one each time).</summary>
    public async Task BeginFileAsync(IDbContextTransaction outer, CancellationToken ct)
    {
        if (_ado is null) Sqlite.Savepoint.Insert();
        else await outer.CreateSavepointAsync(FileSavepoint, ct);
    }

    /// <summary>Keeps what the file wrote: releases its savepoint into the folder's transaction.</summary>
    public async Task EndFileAsync(IDbContextTransaction outer, CancellationToken ct)
    {
        if (_ado is null) Sqlite.Release.Insert();
        else await outer.ReleaseSavepointAsync(FileSavepoint, ct);
    }

    /// <summary>Undoes what the file wrote (rolled back to its savepoint, which is then released); the folder's transaction goes on.</summary>
    public async Task RollBackFileAsync(IDbContextTransaction outer)
    {
        if (_ado is null)
        {
            Sqlite.RollBack.Insert();
            Sqlite.Release.Insert();
            return;
        }
        await outer.RollbackToSavepointAsync(FileSavepoint, CancellationToken.None);
        await outer.ReleaseSavepointAsync(FileSavepoint, CancellationToken.None);
    }

    private static int? ToId(object? value) => value is null or DBNull ? null : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Inserts a new source with its references, classification and claims, sets their ids and foreign keys, and writes
    /// their history rows (what the auditor records for an added source and its claims; references and the
    /// classification are not audited).
    /// </summary>
    public async Task InsertAsync(Source source, string actor, DateTime now, CancellationToken ct)
    {
        source.Id = (int)await InsertAsync(_sources, source, ct);
        foreach (var reference in source.References)
        {
            reference.SourceId = source.Id;
            reference.Id = (int)await InsertAsync(_references, reference, ct);
        }
        // In key order, as SaveChanges orders the inserts of one table (the rows' hidden rowids follow it).
        foreach (var kind in source.TherapyKinds.OrderBy(k => k.Slug, StringComparer.Ordinal))
        {
            kind.SourceId = source.Id;
            await InsertAsync(_therapyKinds, kind, ct);
        }
        foreach (var condition in source.Conditions.OrderBy(c => c.Slug, StringComparer.Ordinal))
        {
            condition.SourceId = source.Id;
            await InsertAsync(_conditions, condition, ct);
        }
        foreach (var claim in source.Claims)
        {
            claim.SourceId = source.Id;
            claim.Id = (int)await InsertAsync(_claims, claim, ct);
        }

        await InsertAsync(_history, ChangeAuditor.Created(_sourceType, source, source.Id, null, actor, now), ct);
        foreach (var claim in source.Claims)
            await InsertAsync(_history, ChangeAuditor.Created(_claimType, claim, claim.Id, claim.Id, actor, now), ct);
    }

    /// <summary>Inserts one row; returns its generated key (0 for a table whose key is the entity's own values).</summary>
    private async ValueTask<long> InsertAsync(ModelInsert insert, object entity, CancellationToken ct) =>
        _ado is null ? insert.Insert(Sqlite.Insert(insert), entity) : await insert.InsertAsync(entity, ct);

    public void Dispose()
    {
        if (_ado is not null) foreach (var command in _ado.All()) command.Dispose();
        _sqlite?.Dispose();
    }

    /// <summary>The ADO.NET commands of the PostgreSQL path.</summary>
    private sealed record AdoCommands(ModelInsert.AdoInsert[] Inserts, DbCommand FileNameTaken, DbCommand FileOfHash, DbCommand StudyByIdentifier, DbCommand TrialByNctId)
    {
        public IEnumerable<DbCommand> All() => [.. Inserts.Select(i => i.Command), FileNameTaken, FileOfHash, StudyByIdentifier, TrialByNctId];
    }

    /// <summary>The SQLite path's statements, prepared on one connection handle.</summary>
    private sealed class SqliteCommands : IDisposable
    {
        private readonly Dictionary<ModelInsert, SqliteStatement> _inserts = [];

        public SqliteCommands(SQLitePCL.sqlite3 handle, NewSourceRows rows)
        {
            Handle = handle;
            try
            {
                foreach (var insert in new[] { rows._sources, rows._references, rows._claims, rows._history, rows._therapyKinds, rows._conditions })
                    _inserts.Add(insert, new SqliteStatement(handle, insert.Sql));
                FileNameTaken = new SqliteStatement(handle, rows._fileNameTakenSql);
                FileOfHash = new SqliteStatement(handle, rows._fileOfHashSql);
                StudyByIdentifier = new SqliteStatement(handle, rows._studyByIdentifierSql);
                TrialByNctId = new SqliteStatement(handle, rows._trialByNctIdSql);
                Savepoint = new SqliteStatement(handle, $"SAVEPOINT {FileSavepoint}");
                Release = new SqliteStatement(handle, $"RELEASE {FileSavepoint}");
                RollBack = new SqliteStatement(handle, $"ROLLBACK TO {FileSavepoint}");
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        public SQLitePCL.sqlite3 Handle { get; }
        public SqliteStatement FileNameTaken { get; } = null!;
        public SqliteStatement FileOfHash { get; } = null!;
        public SqliteStatement StudyByIdentifier { get; } = null!;
        public SqliteStatement TrialByNctId { get; } = null!;
        public SqliteStatement Savepoint { get; } = null!;
        public SqliteStatement Release { get; } = null!;
        public SqliteStatement RollBack { get; } = null!;

        public SqliteStatement Insert(ModelInsert insert) => _inserts[insert];

        public void Dispose()
        {
            foreach (var statement in _inserts.Values) statement.Dispose();
            FileNameTaken?.Dispose();
            FileOfHash?.Dispose();
            StudyByIdentifier?.Dispose();
            TrialByNctId?.Dispose();
            Savepoint?.Dispose();
            Release?.Dispose();
            RollBack?.Dispose();
        }
    }

    /// <summary>
    /// One <c>INSERT</c> of every column an entity type maps to (a generated key excepted), its values read and converted
    /// as the EF model says; run as a SQLite statement bound by position or as an ADO.NET command returning the key.
    /// </summary>
    private sealed class ModelInsert
    {
        private readonly IEntityType _type;
        private readonly Column[] _columns;
        private readonly string? _returning;
        private AdoInsert? _ado;

        /// <param name="Size">The parameter size EF would set (Microsoft.Data.Sqlite cuts longer text to it); 0 for none.</param>
        /// <param name="Json">For the change history's field list, the writer of its JSON document.</param>
        private sealed record Column(IProperty? Property, Func<object, object?> Value, int Size, ChangesJson? Json);

        [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Table and column names come from the EF model; values are parameters.")]
        public ModelInsert(IEntityType type, bool onSqlite)
        {
            _type = type;
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var keys = type.FindPrimaryKey()!.Properties;
            var generatedKey = keys.Count == 1 && keys[0].ValueGenerated == ValueGenerated.OnAdd ? keys[0] : null;
            var names = new List<string>();
            var columns = new List<Column>();
            using var sizes = new SqliteCommand();
            foreach (var property in type.GetProperties())
            {
                if (property == generatedKey) continue;
                if (property.GetComputedColumnSql(table) is not null)
                    throw new InvalidOperationException($"{type.ClrType.Name}.{property.Name} is computed by the database; the import's bulk path does not know it");
                if (property.IsShadowProperty())
                    throw new InvalidOperationException($"{type.ClrType.Name}.{property.Name} is a shadow property; the import's bulk path cannot read it from the entity");
                var mapping = property.GetRelationalTypeMapping();
                var getter = property.GetGetter();
                var converter = mapping.Converter;
                if (onSqlite && !SqliteStatement.CanBind(converter?.ProviderClrType ?? mapping.ClrType))
                    throw new InvalidOperationException($"{type.ClrType.Name}.{property.Name} is stored as {(converter?.ProviderClrType ?? mapping.ClrType).Name}; the import's SQLite writer does not bind that type");
                names.Add(property.GetColumnName(table)!);
                var size = onSqlite ? mapping.CreateParameter(sizes, "p", null, property.IsNullable).Size : 0;
                columns.Add(new Column(property,
                    converter is null ? getter.GetClrValue : e => getter.GetClrValue(e) is { } v ? converter.ConvertToProvider(v) : null,
                    size, null));
            }
            // An entity's JSON document (the change history's field list): written by ChangesJson, in EF's own layout.
            foreach (var navigation in type.GetNavigations().Where(n => n.TargetEntityType.IsMappedToJson()))
            {
                if (navigation.ClrType != typeof(List<FieldChange>))
                    throw new InvalidOperationException($"{type.ClrType.Name}.{navigation.Name} is stored as JSON; the import's bulk path only writes the change history's field list");
                var target = navigation.TargetEntityType;
                var column = type.GetTableMappings().First().Table.FindColumn(target.GetContainerColumnName()!)!;
                var getter = navigation.GetGetter();
                names.Add(column.Name);
                columns.Add(new Column(null, getter.GetClrValue, 0, new ChangesJson([.. target.GetProperties().Where(p => !p.IsShadowProperty() && !p.IsKey())])));
                _jsonMapping = column.StoreTypeMapping;
            }
            Sql = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", names.Select(Quote))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
            _returning = generatedKey is null ? null : $" RETURNING {Quote(generatedKey.GetColumnName(table)!)}";
            _columns = [.. columns];
        }

        private readonly RelationalTypeMapping? _jsonMapping;

        /// <summary>The INSERT without <c>RETURNING</c> (SQLite reads the new id from the connection).</summary>
        public string Sql { get; }

        /// <summary>Binds the entity's values by position and runs the statement; returns the new row's id.</summary>
        public long Insert(SqliteStatement statement, object entity)
        {
            for (var i = 0; i < _columns.Length; i++)
            {
                var column = _columns[i];
                if (column.Json is not null) statement.BindUtf8(i + 1, column.Json.WriteUtf8((List<FieldChange>)column.Value(entity)!));
                else statement.Bind(i + 1, column.Value(entity), column.Size);
            }
            return statement.Insert();
        }

        /// <summary>The ADO.NET command of this insert on a connection (built once).</summary>
        public AdoInsert Ado(DbConnection connection) => _ado ??= new AdoInsert(this, connection);

        public Task<long> InsertAsync(object entity, CancellationToken ct) => _ado!.InsertAsync(entity, ct);

        /// <summary>The insert as a command with named parameters created by the model's type mappings, returning the generated key.</summary>
        public sealed class AdoInsert
        {
            private readonly (DbParameter Parameter, Column Column)[] _parameters;

            [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Table and column names come from the EF model; values are parameters.")]
            public AdoInsert(ModelInsert insert, DbConnection connection)
            {
                Command = connection.CreateCommand();
                Command.CommandText = insert.Sql + insert._returning;
                _parameters = new (DbParameter, Column)[insert._columns.Length];
                for (var i = 0; i < insert._columns.Length; i++)
                {
                    var column = insert._columns[i];
                    var parameter = column.Property is { } property
                        ? property.GetRelationalTypeMapping().CreateParameter(Command, $"p{i}", null, property.IsNullable)
                        : insert._jsonMapping!.CreateParameter(Command, $"p{i}", null, nullable: true);
                    Command.Parameters.Add(parameter);
                    _parameters[i] = (parameter, column);
                }
                Returns = insert._returning is not null;
            }

            public DbCommand Command { get; }

            private bool Returns { get; }

            public async Task<long> InsertAsync(object entity, CancellationToken ct)
            {
                // Not prepared explicitly: the providers keep a command's compiled statement between executions.
                foreach (var (parameter, column) in _parameters)
                {
                    var value = column.Value(entity);
                    parameter.Value = column.Json is not null ? column.Json.Write((List<FieldChange>)value!) : value ?? DBNull.Value;
                }
                if (!Returns)
                {
                    await Command.ExecuteNonQueryAsync(ct);
                    return 0;
                }
                return Convert.ToInt64(await Command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        public override string ToString() => _type.ClrType.Name;
    }
}

/// <summary>
/// The change history's field list as EF stores an owned collection mapped to JSON: an array of objects
/// whose properties follow the owned type's (JSON names, model order, nulls written), with the default encoder.
/// Written into a buffer reused from row to row. A test compares it with what <c>SaveChanges</c> writes.
/// </summary>
internal sealed class ChangesJson
{
    private readonly (JsonEncodedText Name, IClrPropertyGetter Getter)[] _fields;
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    /// <param name="properties">The owned type's stored properties, in model order.</param>
    public ChangesJson(IReadOnlyList<IProperty> properties) =>
        _fields = [.. properties.Select(p => (JsonEncodedText.Encode(p.GetJsonPropertyName()!), p.GetGetter()))];

    /// <summary>The document as UTF-8, valid until the next call.</summary>
    public ReadOnlySpan<byte> WriteUtf8(List<FieldChange> changes)
    {
        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer);
        writer.WriteStartArray();
        foreach (var change in changes)
        {
            writer.WriteStartObject();
            foreach (var (name, getter) in _fields)
            {
                var value = (string?)getter.GetClrValue(change);
                if (value is null) writer.WriteNull(name);
                else writer.WriteString(name, value);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.Flush();
        return _buffer.WrittenSpan;
    }

    public string Write(List<FieldChange> changes) => System.Text.Encoding.UTF8.GetString(WriteUtf8(changes));
}
