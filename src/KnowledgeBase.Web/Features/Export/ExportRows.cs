using System.Data.Common;
using System.Text.Json;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KnowledgeBase.Web.Features.Export;

/// <summary>
/// The rows of <see cref="LibraryRecords"/>' projections read with a plain <see cref="DbDataReader"/> over the SQL EF Core
/// makes of the same query (<c>CreateDbCommand</c>), instead of EF Core's materializer: per row, that materializer read
/// each list column (a trial has four) through EF Core's JSON collection reader on SQLite, which looks up a constructor by
/// reflection for every value, and converted each column through a boxed delegate (decision 0043); on PostgreSQL it kept
/// the export's memory from staying flat. Enums and the author names go through the model's own value converters, so
/// they read as EF Core reads them; lists of text are the JSON arrays EF Core stores on SQLite and PostgreSQL's text
/// arrays.
/// </summary>
internal sealed class ExportRows
{
    private readonly KnowledgeBaseDbContext _db;
    private readonly ValueConverter _studyKind;
    private readonly ValueConverter _publicationForm;
    private readonly ValueConverter _authorNames;
    private readonly ValueConverter _trialPhase;

    /// <summary>Whether lists of text are stored as JSON arrays (SQLite) rather than as the database's own arrays.</summary>
    private readonly bool _listsAsJson;

    private ExportRows(KnowledgeBaseDbContext db)
    {
        _db = db;
        _listsAsJson = db.Database.IsSqlite();
        _studyKind = ConverterOf<Study>(db, nameof(Study.Kind));
        _publicationForm = ConverterOf<Study>(db, nameof(Study.PublicationForm));
        _authorNames = ConverterOf<Study>(db, nameof(Study.AuthorNames));
        _trialPhase = ConverterOf<Trial>(db, nameof(Trial.Phase));
    }

    /// <summary>A reader for this context's rows; null on a provider other than SQLite and PostgreSQL (EF Core's materializer then reads them).</summary>
    public static ExportRows? For(KnowledgeBaseDbContext db) => db.Database.IsSqlite() || db.Database.IsNpgsql() ? new ExportRows(db) : null;

    private static ValueConverter ConverterOf<T>(KnowledgeBaseDbContext db, string property) =>
        db.Model.FindEntityType(typeof(T))?.FindProperty(property)?.GetTypeMapping().Converter
        ?? throw new InvalidOperationException($"{typeof(T).Name}.{property} has no value converter in the model");

    /// <summary>The studies of <see cref="LibraryRecords"/>' study projection, the fields it projects filled.</summary>
    public IEnumerable<Study> Studies(IQueryable<Study> projection)
    {
        using var rows = Open(projection);
        var r = rows.Reader;
        int id = r.GetOrdinal(nameof(Study.Id)), kind = r.GetOrdinal(nameof(Study.Kind)), libraryId = r.GetOrdinal(nameof(Study.LibraryId)),
            title = r.GetOrdinal(nameof(Study.Title)), authors = r.GetOrdinal(nameof(Study.Authors)), authorNames = r.GetOrdinal(nameof(Study.AuthorNames)),
            truncated = r.GetOrdinal(nameof(Study.AuthorsTruncated)), journal = r.GetOrdinal(nameof(Study.Journal)),
            form = r.GetOrdinal(nameof(Study.PublicationForm)), publisher = r.GetOrdinal(nameof(Study.Publisher)),
            place = r.GetOrdinal(nameof(Study.PublisherPlace)), year = r.GetOrdinal(nameof(Study.Year)), volume = r.GetOrdinal(nameof(Study.Volume)),
            issue = r.GetOrdinal(nameof(Study.Issue)), pages = r.GetOrdinal(nameof(Study.Pages)), doi = r.GetOrdinal(nameof(Study.Doi)),
            pmid = r.GetOrdinal(nameof(Study.Pmid)), pmcid = r.GetOrdinal(nameof(Study.Pmcid)), phaseText = r.GetOrdinal(nameof(Study.PhaseText)),
            design = r.GetOrdinal(nameof(Study.Design)), participants = r.GetOrdinal(nameof(Study.Participants)),
            summary = r.GetOrdinal(nameof(Study.Abstract)), unverified = r.GetOrdinal(nameof(Study.Unverified));
        while (r.Read())
        {
            yield return new Study
            {
                Id = r.GetInt32(id),
                Kind = (StudyKind)_studyKind.ConvertFromProvider(r.GetString(kind))!,
                LibraryId = Text(r, libraryId),
                Title = r.GetString(title),
                Authors = Text(r, authors),
                AuthorNames = r.IsDBNull(authorNames) ? [] : (List<AuthorName>)_authorNames.ConvertFromProvider(r.GetString(authorNames))!,
                AuthorsTruncated = r.GetBoolean(truncated),
                Journal = Text(r, journal),
                PublicationForm = r.IsDBNull(form) ? null : (PublicationForm)_publicationForm.ConvertFromProvider(r.GetString(form))!,
                Publisher = Text(r, publisher),
                PublisherPlace = Text(r, place),
                Year = Number(r, year),
                Volume = Text(r, volume),
                Issue = Text(r, issue),
                Pages = Text(r, pages),
                Doi = Text(r, doi),
                Pmid = Text(r, pmid),
                Pmcid = Text(r, pmcid),
                PhaseText = Text(r, phaseText),
                Design = Text(r, design),
                Participants = Number(r, participants),
                Abstract = Text(r, summary),
                Unverified = Texts(r, unverified),
            };
        }
    }

    /// <summary>The trials of <see cref="LibraryRecords"/>' trial projection, the fields it projects filled.</summary>
    public IEnumerable<Trial> Trials(IQueryable<Trial> projection)
    {
        using var rows = Open(projection);
        var r = rows.Reader;
        int id = r.GetOrdinal(nameof(Trial.Id)), nctId = r.GetOrdinal(nameof(Trial.NctId)), title = r.GetOrdinal(nameof(Trial.Title)),
            phase = r.GetOrdinal(nameof(Trial.Phase)), phaseText = r.GetOrdinal(nameof(Trial.PhaseText)), design = r.GetOrdinal(nameof(Trial.Design)),
            enrollment = r.GetOrdinal(nameof(Trial.Enrollment)), status = r.GetOrdinal(nameof(Trial.Status)), sponsor = r.GetOrdinal(nameof(Trial.Sponsor)),
            intervention = r.GetOrdinal(nameof(Trial.Intervention)), summary = r.GetOrdinal(nameof(Trial.Summary)),
            conditions = r.GetOrdinal(nameof(Trial.Conditions)), interventions = r.GetOrdinal(nameof(Trial.Interventions)),
            outcomes = r.GetOrdinal(nameof(Trial.PrimaryOutcomes)), unverified = r.GetOrdinal(nameof(Trial.Unverified));
        while (r.Read())
        {
            yield return new Trial
            {
                Id = r.GetInt32(id),
                NctId = r.GetString(nctId),
                Title = Text(r, title),
                Phase = r.IsDBNull(phase) ? null : (TrialPhase)_trialPhase.ConvertFromProvider(r.GetString(phase))!,
                PhaseText = Text(r, phaseText),
                Design = Text(r, design),
                Enrollment = Number(r, enrollment),
                Status = Text(r, status),
                Sponsor = Text(r, sponsor),
                Intervention = Text(r, intervention),
                Summary = Text(r, summary),
                Conditions = Texts(r, conditions),
                Interventions = Texts(r, interventions),
                PrimaryOutcomes = Texts(r, outcomes),
                Unverified = Texts(r, unverified),
            };
        }
    }

    /// <summary>The query's command on the context's connection (opened for the reader's life, as EF Core does).</summary>
    private Rows Open<T>(IQueryable<T> projection)
    {
        var command = projection.CreateDbCommand();
        _db.Database.OpenConnection();
        try
        {
            command.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
            return new Rows(_db, command, command.ExecuteReader());
        }
        catch
        {
            command.Dispose();
            _db.Database.CloseConnection();
            throw;
        }
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static int? Number(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    /// <summary>A list of text as EF Core stores it: a JSON array of strings on SQLite, a text array on PostgreSQL.</summary>
    private List<string> Texts(DbDataReader r, int i) =>
        r.IsDBNull(i) ? []
        : _listsAsJson ? JsonSerializer.Deserialize<List<string>>(r.GetString(i)) ?? []
        : [.. r.GetFieldValue<string[]>(i)];

    private sealed class Rows(KnowledgeBaseDbContext db, DbCommand command, DbDataReader reader) : IDisposable
    {
        public DbDataReader Reader => reader;

        public void Dispose()
        {
            reader.Dispose();
            command.Dispose();
            db.Database.CloseConnection();
        }
    }
}
