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
/// decision 0046). On PostgreSQL a file's new sources are written in two round trips (decision 0048): their ids are taken
/// from the identity columns' sequences in one query, then every row goes in one batch of multi-row <c>INSERT</c>s with
/// those ids.
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

    /// <summary>The transaction the ADO.NET commands run in (set by <see cref="Enlist"/>).</summary>
    private DbTransaction? _transaction;

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
                NextIds(_sources, _references, _claims, _history),
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

    /// <summary>
    /// The query that takes ids from the sequences of the tables' identity columns: for table <c>i</c>, parameter <c>$i+1</c>
    /// says how many, each row is (i, id). The columns are <c>GENERATED BY DEFAULT AS IDENTITY</c>, so the rows can then be
    /// inserted with these ids; a sequence gives each id once, whatever other sessions take meanwhile.
    /// </summary>
    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Table and column names come from the EF model; counts are parameters.")]
    private DbCommand NextIds(params ModelInsert[] inserts)
    {
        var command = _connection.CreateCommand();
        command.CommandText = string.Join(" UNION ALL ", inserts.Select((insert, i) =>
            $"SELECT {i}, nextval(pg_get_serial_sequence('{insert.QualifiedTable.Replace("'", "''", StringComparison.Ordinal)}', '{insert.KeyColumn!.Replace("'", "''", StringComparison.Ordinal)}')) FROM generate_series(1, ${i + 1})"));
        foreach (var _ in inserts)
        {
            var parameter = command.CreateParameter();
            parameter.DbType = System.Data.DbType.Int32;
            command.Parameters.Add(parameter);
        }
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
            _transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var command in _ado.All()) command.Transaction = _transaction;
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

    /// <summary>
    /// On PostgreSQL, every lookup a file of new articles needs, in one round trip: the file each article's content hash was
    /// stored from, and the study and trial each of its references names (the queries of <see cref="FileOfHashAsync"/>,
    /// <see cref="StudyIdAsync"/> and <see cref="TrialIdAsync"/>, batched). Null on SQLite, where each lookup is a prepared
    /// statement run in-process.
    /// </summary>
    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The queries are built from the EF model; values are parameters.")]
    public async Task<ArticleLookups?> LookUpAsync(IReadOnlyList<PreparedArticle> articles, CancellationToken ct)
    {
        if (_ado is null) return null;
        var lookups = new ArticleLookups(articles);
        using var batch = _connection.CreateBatch();
        batch.Transaction = _transaction;
        // What each command's result fills in, in the batch's order.
        var targets = new List<Action<object?>>();
        for (var i = 0; i < articles.Count; i++)
        {
            var article = i;
            Add(_fileOfHashSql, _ado.FileOfHash, articles[i].Hash, null, value => lookups.Files[article] = value as string);
            var references = articles[i].Article.References;
            for (var r = 0; r < references.Count; r++)
            {
                var (reference, index) = (references[r], r);
                if (reference.Pmid is not null || reference.Doi is not null)
                    Add(_studyByIdentifierSql, _ado.StudyByIdentifier, reference.Pmid, reference.Doi, value => lookups.Studies[article][index] = ToId(value));
                if (reference.NctId is not null)
                    Add(_trialByNctIdSql, _ado.TrialByNctId, reference.NctId, null, value => lookups.Trials[article][index] = ToId(value));
            }
        }

        if (targets.Count == 0) return lookups;
        await using var reader = await batch.ExecuteReaderAsync(ct);
        foreach (var target in targets)
        {
            target(await reader.ReadAsync(ct) ? reader.GetValue(0) : null);
            await reader.NextResultAsync(ct);
        }
        return lookups;

        // A command of the batch: the single lookup's query, its parameters made as the single lookup's are.
        void Add(string sql, DbCommand single, string? first, string? second, Action<object?> target)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            for (var p = 0; p < single.Parameters.Count; p++)
            {
                var parameter = (DbParameter)((ICloneable)single.Parameters[p]).Clone();
                parameter.Value = (object?)(p == 0 ? first : second) ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
            batch.BatchCommands.Add(command);
            targets.Add(target);
        }
    }

    /// <summary>The answers of <see cref="LookUpAsync"/>: by article, and by article and reference.</summary>
    internal sealed class ArticleLookups
    {
        public ArticleLookups(IReadOnlyList<PreparedArticle> articles)
        {
            Files = new string?[articles.Count];
            Studies = [.. articles.Select(a => new int?[a.Article.References.Count])];
            Trials = [.. articles.Select(a => new int?[a.Article.References.Count])];
        }

        internal string?[] Files { get; }
        internal int?[][] Studies { get; }
        internal int?[][] Trials { get; }

        /// <summary>The file name of the stored source with the article's content hash, or null.</summary>
        public string? FileOfHash(int article) => Files[article];

        public int? StudyId(int article, int reference) => Studies[article][reference];

        public int? TrialId(int article, int reference) => Trials[article][reference];
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
    /// Inserts a file's new sources with their references, classification and claims, sets their ids and foreign keys, and
    /// writes their history rows (what the auditor records for an added source and its claims; references and the
    /// classification are not audited). Ids follow the order of the change-tracking path: source by source, and within a
    /// source its row, references, classification, claims, then the history of the source and of each claim.
    /// </summary>
    public async Task InsertAsync(IReadOnlyList<Source> sources, string actor, DateTime now, CancellationToken ct)
    {
        if (sources.Count == 0) return;
        if (_ado is null)
        {
            foreach (var source in sources) InsertOnSqlite(source, actor, now);
            return;
        }

        var references = sources.Sum(s => s.References.Count);
        var claims = sources.Sum(s => s.Claims.Count);
        var ids = await NextIdsAsync([sources.Count, references, claims, sources.Count + claims], ct);
        var (sourceIds, referenceIds, claimIds, historyIds) = (ids[0], ids[1], ids[2], ids[3]);
        int nextSource = 0, nextReference = 0, nextClaim = 0, nextHistory = 0;

        var kinds = new List<object>();
        var conditions = new List<object>();
        var history = new List<object>(sources.Count + claims);
        foreach (var source in sources)
        {
            source.Id = checked((int)sourceIds[nextSource++]);
            foreach (var reference in source.References)
            {
                reference.SourceId = source.Id;
                reference.Id = checked((int)referenceIds[nextReference++]);
            }
            // In key order, as SaveChanges orders the inserts of one table.
            foreach (var kind in source.TherapyKinds.OrderBy(k => k.Slug, StringComparer.Ordinal))
            {
                kind.SourceId = source.Id;
                kinds.Add(kind);
            }
            foreach (var condition in source.Conditions.OrderBy(c => c.Slug, StringComparer.Ordinal))
            {
                condition.SourceId = source.Id;
                conditions.Add(condition);
            }
            foreach (var claim in source.Claims)
            {
                claim.SourceId = source.Id;
                claim.Id = checked((int)claimIds[nextClaim++]);
            }
            var created = ChangeAuditor.Created(_sourceType, source, source.Id, null, actor, now);
            created.Id = historyIds[nextHistory++];
            history.Add(created);
            foreach (var claim in source.Claims)
            {
                created = ChangeAuditor.Created(_claimType, claim, claim.Id, claim.Id, actor, now);
                created.Id = historyIds[nextHistory++];
                history.Add(created);
            }
        }

        // Parents before children, so that every foreign key finds its row.
        using var batch = _connection.CreateBatch();
        batch.Transaction = _transaction;
        _sources.AddInserts(batch, [.. sources]);
        _references.AddInserts(batch, [.. sources.SelectMany(s => s.References)]);
        _therapyKinds.AddInserts(batch, kinds);
        _conditions.AddInserts(batch, conditions);
        _claims.AddInserts(batch, [.. sources.SelectMany(s => s.Claims)]);
        _history.AddInserts(batch, history);
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Takes this many ids from each table's sequence (sources, references, claims, history), each list in ascending order.</summary>
    private async Task<long[][]> NextIdsAsync(int[] counts, CancellationToken ct)
    {
        var command = _ado!.NextIds;
        for (var i = 0; i < counts.Length; i++) command.Parameters[i].Value = counts[i];
        var ids = counts.Select(n => new List<long>(n)).ToArray();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) ids[reader.GetInt32(0)].Add(reader.GetInt64(1));
        }
        for (var i = 0; i < counts.Length; i++)
        {
            if (ids[i].Count != counts[i])
                throw new InvalidOperationException($"asked the database for {counts[i]} new ids, received {ids[i].Count}");
        }
        // A sequence hands out ascending values; sorted all the same, as nothing in SQL orders this result.
        return [.. ids.Select(list => { var array = list.ToArray(); Array.Sort(array); return array; })];
    }

    /// <summary>The SQLite path: one source's rows, by the prepared statements, each id read from the connection.</summary>
    private void InsertOnSqlite(Source source, string actor, DateTime now)
    {
        var sqlite = Sqlite;
        source.Id = (int)_sources.Insert(sqlite.Insert(_sources), source);
        foreach (var reference in source.References)
        {
            reference.SourceId = source.Id;
            reference.Id = (int)_references.Insert(sqlite.Insert(_references), reference);
        }
        // In key order, as SaveChanges orders the inserts of one table (the rows' hidden rowids follow it).
        foreach (var kind in source.TherapyKinds.OrderBy(k => k.Slug, StringComparer.Ordinal))
        {
            kind.SourceId = source.Id;
            _therapyKinds.Insert(sqlite.Insert(_therapyKinds), kind);
        }
        foreach (var condition in source.Conditions.OrderBy(c => c.Slug, StringComparer.Ordinal))
        {
            condition.SourceId = source.Id;
            _conditions.Insert(sqlite.Insert(_conditions), condition);
        }
        foreach (var claim in source.Claims)
        {
            claim.SourceId = source.Id;
            claim.Id = (int)_claims.Insert(sqlite.Insert(_claims), claim);
        }

        _history.Insert(sqlite.Insert(_history), ChangeAuditor.Created(_sourceType, source, source.Id, null, actor, now));
        foreach (var claim in source.Claims)
            _history.Insert(sqlite.Insert(_history), ChangeAuditor.Created(_claimType, claim, claim.Id, claim.Id, actor, now));
    }

    public void Dispose()
    {
        if (_ado is not null) foreach (var command in _ado.All()) command.Dispose();
        _sqlite?.Dispose();
        _sources.Dispose();
        _references.Dispose();
        _claims.Dispose();
        _history.Dispose();
        _therapyKinds.Dispose();
        _conditions.Dispose();
    }

    /// <summary>The ADO.NET commands of the PostgreSQL path.</summary>
    private sealed record AdoCommands(DbCommand NextIds, DbCommand FileNameTaken, DbCommand FileOfHash, DbCommand StudyByIdentifier, DbCommand TrialByNctId)
    {
        public IEnumerable<DbCommand> All() => [NextIds, FileNameTaken, FileOfHash, StudyByIdentifier, TrialByNctId];
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
    /// One <c>INSERT</c> of every column an entity type maps to, its values read and converted as the EF model says: on SQLite
    /// a statement of one row without the generated key, bound by position; on PostgreSQL multi-row statements added to a
    /// batch, the key included (taken from its sequence beforehand).
    /// </summary>
    private sealed class ModelInsert : IDisposable
    {
        /// <summary>Parameters in one multi-row statement at most (PostgreSQL's limit is 65,535).</summary>
        private const int MaxParameters = 30_000;

        private readonly IEntityType _type;
        private readonly Column[] _columns;
        private readonly Column? _key;
        private readonly string _insertInto;

        /// <summary>Creates parameters for the type mappings (a parameter is not bound to the command that creates it).</summary>
        private DbCommand? _parameterFactory;

        /// <param name="Mapping">The type mapping that creates the column's parameter on PostgreSQL.</param>
        /// <param name="Size">The parameter size EF would set (Microsoft.Data.Sqlite cuts longer text to it); 0 for none.</param>
        /// <param name="Json">For the change history's field list, the writer of its JSON document.</param>
        private sealed record Column(IProperty? Property, RelationalTypeMapping Mapping, Func<object, object?> Value, int Size, ChangesJson? Json);

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
                columns.Add(new Column(property, mapping,
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
                columns.Add(new Column(null, column.StoreTypeMapping, getter.GetClrValue, 0, new ChangesJson([.. target.GetProperties().Where(p => !p.IsShadowProperty() && !p.IsKey())])));
            }
            Sql = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", names.Select(Quote))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
            QualifiedTable = Quote(table.Name);
            if (generatedKey is not null)
            {
                KeyColumn = generatedKey.GetColumnName(table)!;
                var keyGetter = generatedKey.GetGetter();
                _key = new Column(generatedKey, generatedKey.GetRelationalTypeMapping(), keyGetter.GetClrValue, 0, null);
            }
            _insertInto = $"INSERT INTO {QualifiedTable} ({string.Join(", ", (KeyColumn is null ? names : names.Prepend(KeyColumn)).Select(Quote))}) VALUES ";
            _columns = [.. columns];
        }

        /// <summary>The INSERT of one row without the generated key (SQLite reads the new id from the connection).</summary>
        public string Sql { get; }

        /// <summary>The table's name, quoted.</summary>
        public string QualifiedTable { get; }

        /// <summary>The column of the key the database generates, or null (a key of the entity's own values).</summary>
        public string? KeyColumn { get; }

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

        /// <summary>
        /// Adds the rows to a batch as multi-row <c>INSERT</c>s with positional parameters, in the order given, the key (set
        /// on each entity beforehand) included. Parameters are created by the model's type mappings and hold the values as
        /// converted for the provider, as the change tracker's would.
        /// </summary>
        [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Table and column names come from the EF model; values are parameters.")]
        public void AddInserts(DbBatch batch, List<object> entities)
        {
            _parameterFactory ??= batch.Connection!.CreateCommand();
            var width = _columns.Length + (_key is null ? 0 : 1);
            var perStatement = Math.Max(1, MaxParameters / width);
            for (var first = 0; first < entities.Count; first += perStatement)
            {
                var rows = Math.Min(perStatement, entities.Count - first);
                var command = batch.CreateBatchCommand();
                var sql = new System.Text.StringBuilder(_insertInto, _insertInto.Length + rows * width * 6);
                var number = 0;
                for (var row = 0; row < rows; row++)
                {
                    var entity = entities[first + row];
                    sql.Append(row == 0 ? "(" : ", (");
                    if (_key is not null) AddValue(command, sql, _key, entity, ref number);
                    for (var c = 0; c < _columns.Length; c++)
                    {
                        if (_key is not null || c > 0) sql.Append(", ");
                        AddValue(command, sql, _columns[c], entity, ref number);
                    }
                    sql.Append(')');
                }
                command.CommandText = sql.ToString();
                batch.BatchCommands.Add(command);
            }
        }

        private void AddValue(DbBatchCommand command, System.Text.StringBuilder sql, Column column, object entity, ref int number)
        {
            sql.Append('$').Append(++number);
            var parameter = column.Mapping.CreateParameter(_parameterFactory!, string.Empty, null, column.Property?.IsNullable ?? true);
            var value = column.Value(entity);
            parameter.Value = column.Json is not null ? column.Json.Write((List<FieldChange>)value!) : value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        public void Dispose() => _parameterFactory?.Dispose();

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
