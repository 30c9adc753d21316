using System.Globalization;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Interchange.Writing;
using KnowledgeBase.Interchange;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Features.Studies;
using KnowledgeBase.Web.Features.Trials;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Export;

/// <summary>
/// Citation lists and claim reviews as files. What: one source's evidence list (<c>?source=3</c>),
/// the studies or trials of a browse filter (<c>?what=studies&amp;therapy=adipose-msc&amp;kind=...</c>: any filter the
/// /studies or /trials list takes, read by that list's own query class),
/// a hand-picked selection (<c>?ids=study:1,trial:4</c>), or the whole library (no filter).
/// Downloads stream: records are read in batches while the writer sends them to the client, so memory stays flat.
/// </summary>
[Route("export")]
public sealed class ExportController(KnowledgeBaseDbContext db, IOptions<KnowledgeBaseOptions> options, IServer server) : Controller
{
    [HttpGet("references")]
    public async Task<IActionResult> References([FromQuery] string? format, [FromQuery] ReferenceScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (ExportFormat.Find(format) is not { } chosen)
            return BadRequest($"Unknown format “{format}”. Choose one of: {string.Join(", ", ExportFormat.All.Select(f => f.Key))}.");

        string name;
        IEnumerable<BibRecord> records;
        if (scope.Source is { } sourceId)
        {
            var source = await db.Sources.AsNoTracking().Where(s => s.Id == sourceId).Select(s => new { s.Title, s.FileName }).SingleOrDefaultAsync(ct);
            if (source is null) return NotFound();
            records = await SourceEvidenceAsync(sourceId, ct);
            name = $"evidence-of-{Slug(Path.GetFileNameWithoutExtension(source.FileName))}-{sourceId}";
        }
        else if (scope.Ids is { Count: > 0 } ids)
        {
            // "ids=" binds as one empty (null) entry: a selection of nothing is a mistake to name, not a crash.
            if (ids.All(string.IsNullOrWhiteSpace))
                return BadRequest("The selection is empty: give ids such as ids=study:1,trial:4, or leave ids out to export the library.");
            records = await SelectionAsync(ids, ct);
            name = "selected-references";
        }
        else
        {
            // The browse lists' own queries read the filter, so a download holds exactly what the filtered list shows.
            var facets = new FacetRequest(Request.Query);
            var studies = scope.What is null or "studies" or "all" ? await FilteredStudiesAsync(db, facets, ct) : null;
            var trials = scope.What is null or "trials" or "all" ? await FilteredTrialsAsync(db, facets, ct) : null;
            records = LibraryRecords.Read(db, studies, trials);
            var filtered = Request.Query.Keys.Any(k => k is not ("format" or "what"));
            name = filtered ? $"{scope.What ?? "library"}-{Slug(scope.Therapy ?? scope.Kind ?? scope.Phase ?? "filtered")}" : "knowledge-base-library";
        }

        return await FileFromAsync(chosen.ContentType, $"{name}.{chosen.Extension}", stream => chosen.Write(records, stream), ct);
    }

    /// <summary>One row per claim–evidence link, with the quote, the assessment and the note.</summary>
    [HttpGet("claim-links.csv")]
    public async Task<IActionResult> ClaimLinks([FromQuery] int? source, CancellationToken ct)
    {
        var query = db.EvidenceLinks.AsNoTracking();
        if (source is not null) query = query.Where(l => l.Claim!.SourceId == source);
        var rows = await query
            .OrderBy(l => l.Claim!.SourceId).ThenBy(l => l.Claim!.Start).ThenBy(l => l.Id)
            .Select(l => new
            {
                l.ClaimId,
                SourceTitle = l.Claim!.Source!.Title,
                l.Claim.Quote,
                l.Relation,
                l.Assessment,
                l.Note,
                StudyTitle = l.Study != null ? l.Study.Title : null,
                Doi = l.Study != null ? l.Study.Doi : null,
                Pmid = l.Study != null ? l.Study.Pmid : null,
                StudyTrials = l.Study != null ? l.Study.Trials.Select(t => t.NctId).ToList() : new List<string>(),
                TrialNct = l.Trial != null ? l.Trial.NctId : null,
                TrialTitle = l.Trial != null ? l.Trial.Title : null,
                l.CreatedBy,
                l.CreatedAt,
            })
            .ToListAsync(ct);
        var csvRows = rows.Select(r => new ClaimEvidenceRow(
            r.ClaimId, r.SourceTitle, r.Quote, Display.Label(r.Relation), r.Assessment is null ? null : Display.Label(r.Assessment),
            r.Note, r.StudyTitle ?? r.TrialTitle ?? r.TrialNct, r.Doi, r.Pmid,
            string.Join(", ", r.StudyTrials.Append(r.TrialNct).OfType<string>().Distinct()), PublicActor.Show(r.CreatedBy, User), r.CreatedAt));
        return await FileFromAsync("text/csv", source is null ? "claim-evidence-links.csv" : $"claim-evidence-links-source-{source}.csv",
            stream =>
            {
                using var writer = new StreamWriter(stream, ExportFormat.Utf8WithBom, leaveOpen: true);
                CsvWriters.WriteClaimLinks(csvRows, writer);
            }, ct);
    }

    /// <summary>
    /// schema.org ClaimReview JSON-LD (fact-check markup) for every claim an editor confirmed and assessed: its most
    /// recently assessed link. Candidates and rejected claims are never published as reviews.
    /// </summary>
    [HttpGet("claim-reviews.jsonld")]
    public async Task<IActionResult> ClaimReviews([FromQuery] int? source, CancellationToken ct)
    {
        var query = db.EvidenceLinks.AsNoTracking().Where(l => l.Assessment != null && l.Claim!.Status == ClaimStatus.Confirmed);
        if (source is not null) query = query.Where(l => l.Claim!.SourceId == source);
        var links = await query
            .OrderBy(l => l.ClaimId).ThenByDescending(l => l.UpdatedAt)
            .Select(l => new { l.ClaimId, l.Claim!.Quote, l.Assessment, l.Note, l.UpdatedAt, l.CreatedBy, l.Claim.Source!.Url, l.Claim.Source.Title, l.Claim.Source.Publisher })
            .ToListAsync(ct);
        var site = SiteAddress();
        var items = links.GroupBy(l => l.ClaimId).Select(g => g.First()).Select(l => new ClaimReviewItem(
            $"{site}/claims/{l.ClaimId}", l.Quote, l.Assessment, DateOnly.FromDateTime(l.UpdatedAt), "KnowledgeBase",
            ReviewAuthorType.Organization, l.Url, l.Title, l.Publisher, l.Note, site)).ToList();
        return await FileFromAsync("application/ld+json", source is null ? "claim-reviews.jsonld" : $"claim-reviews-source-{source}.jsonld",
            stream => ClaimReviewWriter.Write(items, stream), ct);
    }

    /// <summary>The configured public address, else the first address the server listens on; never the request's Host header.</summary>
    private string SiteAddress()
    {
        if (Uri.TryCreate(options.Value.PublicAddress, UriKind.Absolute, out var configured) && configured.Scheme is "http" or "https")
            return configured.AbsoluteUri.TrimEnd('/');
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return Uri.TryCreate(listening, UriKind.Absolute, out var address) ? address.GetLeftPart(UriPartial.Authority) : "http://localhost";
    }

    /// <summary>Sent as a download while the writer writes it (see <see cref="StreamedDownload"/>).</summary>
    private static Task<IActionResult> FileFromAsync(string contentType, string fileName, Action<Stream> write, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult<IActionResult>(new StreamedDownload(contentType, fileName, write));
    }

    private static async Task<IQueryable<Study>> FilteredStudiesAsync(KnowledgeBaseDbContext db, FacetRequest facets, CancellationToken ct)
    {
        var studies = new StudyListQuery(db);
        return studies.Matching((await studies.ParseAsync(facets, ct)).Filter);
    }

    private static async Task<IQueryable<Trial>> FilteredTrialsAsync(KnowledgeBaseDbContext db, FacetRequest facets, CancellationToken ct)
    {
        var trials = new TrialListQuery(db);
        return trials.Matching((await trials.ParseAsync(facets, ct)).Filter);
    }

    /// <summary>Studies, then trials, the whole-library warm-up reads per format (see <see cref="WarmUpAsync"/>).</summary>
    internal const int WarmUpStudies = 1000, WarmUpTrials = 500, WarmUpPasses = 5;

    /// <summary>
    /// The whole-library download's own code, run at start-up (<see cref="EvidenceWarmup"/>) over the library's first
    /// <see cref="WarmUpStudies"/> studies and <see cref="WarmUpTrials"/> trials, in every format, into
    /// <see cref="Stream.Null"/>: its queries are compiled and cached, and its reading, mapping and writing code is
    /// compiled and, called a few thousand times, recompiled optimised, before the first reader asks for the library
    /// (the first download after a start cost 0.8-1.2 s more CPU than the next ones). Returns the references written
    /// (each format <see cref="WarmUpPasses"/> times).
    /// </summary>
    internal static async Task<int> WarmUpAsync(KnowledgeBaseDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var facets = new FacetRequest(QueryCollection.Empty);
        var studies = await FilteredStudiesAsync(db, facets, ct);
        var trials = await FilteredTrialsAsync(db, facets, ct);
        var written = 0;
        // Several times, a moment apart: the runtime starts counting a method's calls only once no new method has run for a
        // tenth of a second, and a hot method is recompiled twice (instrumented, then optimised), each after 1,000 counted
        // calls and in the background. With two or three passes of 3,000 records the RIS and CSL-JSON writers still reached
        // their optimised code during the first real download (perf maps of profiled starts, 3 December).
        for (var pass = 0; pass < WarmUpPasses; pass++)
        {
            if (pass > 0) await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
            foreach (var format in ExportFormat.All)
            {
                ct.ThrowIfCancellationRequested();
                var records = LibraryRecords.Read(db, studies, null).Take(WarmUpStudies)
                    .Concat(LibraryRecords.Read(db, null, trials).Take(WarmUpTrials))
                    .Select(r =>
                    {
                        written++;
                        return r;
                    });
                format.Write(records, Stream.Null);
            }
        }
        return written;
    }

    /// <summary>What a source's claims rest on, in order of first appearance, then the article's own resolved references.</summary>
    private async Task<List<BibRecord>> SourceEvidenceAsync(int sourceId, CancellationToken ct)
    {
        var linked = await db.EvidenceLinks.AsNoTracking()
            .Where(l => l.Claim!.SourceId == sourceId && l.Claim.Status != ClaimStatus.Rejected)
            .OrderBy(l => l.Claim!.Start).ThenBy(l => l.Id)
            .Select(l => new { l.StudyId, l.TrialId })
            .ToListAsync(ct);
        var referenced = await db.SourceReferences.AsNoTracking()
            .Where(r => r.SourceId == sourceId)
            .OrderBy(r => r.Ordinal)
            .Select(r => new { r.StudyId, r.TrialId })
            .ToListAsync(ct);
        var targets = linked.Concat(referenced)
            .Select(t => EvidenceTarget.Of(t.StudyId, t.TrialId))
            .Where(t => t.Length > 0)
            .Distinct()
            .ToList();
        return await RecordsForAsync(targets, ct);
    }

    /// <summary>"study:1,trial:4" or repeated ids=study:1&amp;ids=trial:4 (checkboxes), in the order given.</summary>
    private async Task<List<BibRecord>> SelectionAsync(IEnumerable<string> ids, CancellationToken ct) =>
        await RecordsForAsync(ids.OfType<string>().SelectMany(i => i.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().Take(5000).ToList(), ct);

    /// <summary>Records for "study:1"/"trial:4" targets, in the order given; unreadable or unknown targets are left out.</summary>
    private async Task<List<BibRecord>> RecordsForAsync(IReadOnlyList<string> targets, CancellationToken ct)
    {
        var parsed = targets
            .Select(t => EvidenceTarget.TryParse(t, out var target) ? target : default)
            .Where(t => !t.IsNone)
            .ToList();
        var studyIds = parsed.Select(t => t.StudyId).OfType<int>().ToList();
        var trialIds = parsed.Select(t => t.TrialId).OfType<int>().ToList();
        var studies = await db.Studies.AsNoTracking().Include(s => s.Trials).Where(s => studyIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var trials = await db.Trials.AsNoTracking().Where(t => trialIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var records = new List<BibRecord>();
        foreach (var target in parsed)
        {
            if (target.StudyId is { } s && studies.TryGetValue(s, out var study)) records.Add(BibRecordMapping.FromStudy(study));
            else if (target.TrialId is { } t && trials.TryGetValue(t, out var trial)) records.Add(BibRecordMapping.FromTrial(trial));
        }
        return records;
    }

    private static string Slug(string text) =>
        string.Join('-', new string(text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)) is { Length: > 0 } slug ? slug : "export";
}

/// <summary>Which references to export; empty means the whole library.</summary>
public sealed record ReferenceScope
{
    public int? Source { get; init; }

    /// <summary>A hand-picked selection: "study:1,trial:4", or the parameter repeated.</summary>
    public List<string>? Ids { get; init; }

    /// <summary>"studies", "trials" or "all" (default).</summary>
    public string? What { get; init; }
    public string? Therapy { get; init; }
    public string? Kind { get; init; }
    public string? Phase { get; init; }

    public bool IsFiltered => Therapy is not null || Kind is not null || Phase is not null;
}
