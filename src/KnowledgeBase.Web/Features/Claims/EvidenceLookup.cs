using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Importing;
using KnowledgeBase.Linking;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Claims;

/// <summary>Loads studies and trials for the suggester and answers the claim page's evidence search.</summary>
public sealed class EvidenceLookup(KnowledgeBaseDbContext db, EvidenceIndexCache cache)
{
    public const int MaxSearchResults = 20;

    /// <summary>
    /// The studies and trials <paramref name="claim"/> most likely rests on, best first, at most <paramref name="max"/>:
    /// the one ranking the claim page, the review queue, the claims export and the suggest page all use.
    /// </summary>
    public async Task<IReadOnlyList<EvidenceSuggestion>> SuggestAsync(ClaimContext claim, int max, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return (await IndexAsync(ct)).Suggest(claim, max);
    }

    /// <summary>
    /// The suggester's index of every study and trial, rebuilt only when the library changed: the
    /// stamp (counts, latest change, study–trial links) is two cheap aggregate queries, so an edit is
    /// seen on the next request, by every app instance sharing the database.
    /// </summary>
    public async Task<EvidenceIndex> IndexAsync(CancellationToken ct)
    {
        var stamp = new LibraryStamp(
            await db.Studies.CountAsync(ct),
            await db.Studies.MaxAsync(s => (DateTime?)(s.UpdatedAt ?? s.ImportedAt), ct),
            await db.Trials.CountAsync(ct),
            await db.Trials.MaxAsync(t => (DateTime?)(t.UpdatedAt ?? t.ImportedAt), ct),
            await db.Studies.SumAsync(s => s.Trials.Count, ct));
        if (cache.TryGet(stamp) is { } cached) return cached;
        var index = new EvidenceIndex(await CandidatesAsync(ct));
        cache.Set(stamp, index);
        return index;
    }

    /// <summary>
    /// Every study and trial as the suggester sees it. Streamed, and only the columns
    /// <see cref="EvidenceCandidate.FromStudy"/> and <see cref="EvidenceCandidate.FromTrial"/> read (a new field they
    /// read must be added here): at 70,000 records, loading whole entities first held about 500 MB at once.
    /// </summary>
    public async Task<IReadOnlyList<EvidenceCandidate>> CandidatesAsync(CancellationToken ct)
    {
        var candidates = new List<EvidenceCandidate>();
        var studies = db.Studies.AsNoTracking().OrderBy(s => s.Id).Select(s => new Study
        {
            Id = s.Id, LibraryId = s.LibraryId, Title = s.Title, ShortLabel = s.ShortLabel, Authors = s.Authors, Journal = s.Journal,
            Year = s.Year, Doi = s.Doi, Pmid = s.Pmid, PhaseText = s.PhaseText, Design = s.Design, Participants = s.Participants,
            ParticipantsDetail = s.ParticipantsDetail, CellType = s.CellType, CellSource = s.CellSource, Route = s.Route,
            Dosing = s.Dosing, MainResults = s.MainResults,
            Trials = s.Trials.Select(t => new Trial { NctId = t.NctId }).ToList(),
        });
        await foreach (var study in studies.AsAsyncEnumerable().WithCancellation(ct)) candidates.Add(EvidenceCandidate.FromStudy(study));
        var trials = db.Trials.AsNoTracking().OrderBy(t => t.Id).Select(t => new Trial
        {
            Id = t.Id, NctId = t.NctId, Title = t.Title, Phase = t.Phase, PhaseText = t.PhaseText, Enrollment = t.Enrollment,
            Design = t.Design, Intervention = t.Intervention, Status = t.Status, Sponsor = t.Sponsor,
            Studies = t.Studies.Select(s => new Study
            {
                Title = s.Title, ShortLabel = s.ShortLabel, CellType = s.CellType, CellSource = s.CellSource, Route = s.Route,
                Dosing = s.Dosing, ParticipantsDetail = s.ParticipantsDetail,
            }).ToList(),
        });
        await foreach (var trial in trials.AsAsyncEnumerable().WithCancellation(ct)) candidates.Add(EvidenceCandidate.FromTrial(trial));
        return candidates;
    }

    public static EvidenceOption OptionFor(EvidenceCandidate c) => c.Kind == EvidenceKind.Study
        ? new EvidenceOption($"study:{c.Id}", StudyLabel(c.Title, c.AuthorSurnames.Count > 0 ? c.AuthorSurnames[0] : null, c.Year), c.Journal ?? "", $"/studies/{c.Id}")
        : new EvidenceOption($"trial:{c.Id}", $"Trial {(c.NctIds.Count > 0 ? c.NctIds[0] : "")}", c.Title, $"/trials/{c.Id}");

    public async Task<EvidenceOption?> OptionAsync(EvidenceTarget target, CancellationToken ct)
    {
        if (target.StudyId is { } studyId)
        {
            return await db.Studies.AsNoTracking().Where(s => s.Id == studyId)
                .Select(s => new { s.Id, s.Title, s.Authors, s.Year, s.Journal })
                .Select(s => new EvidenceOption("study:" + s.Id, s.Title, (s.Authors ?? "") + (s.Year != null ? " (" + s.Year + ")" : ""), "/studies/" + s.Id))
                .SingleOrDefaultAsync(ct);
        }
        if (target.TrialId is { } trialId)
        {
            return await db.Trials.AsNoTracking().Where(t => t.Id == trialId)
                .Select(t => new EvidenceOption("trial:" + t.Id, "Trial " + t.NctId, t.Title ?? "", "/trials/" + t.Id))
                .SingleOrDefaultAsync(ct);
        }
        return null;
    }

    /// <summary>Identifiers (NCT, PMID, DOI) match exactly; otherwise words in title, authors, label or journal.</summary>
    public async Task<IReadOnlyList<EvidenceOption>> SearchAsync(string query, CancellationToken ct)
    {
        var q = query.Trim();
        if (q.Length == 0) return [];
        var nct = Identifiers.NormalizeNct(q);
        var pmid = Identifiers.NormalizePmid(q);
        var doi = Identifiers.NormalizeDoi(q);
        var pattern = "%" + q.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

        var studies = await db.Studies.AsNoTracking()
            .WhereLike(db, s => (pmid != null && s.Pmid == pmid) || (doi != null && s.Doi == doi)
                || (nct != null && s.Trials.Any(t => t.NctId == nct))
                || EF.Functions.Like(s.Title, pattern, "\\") || EF.Functions.Like(s.Authors!, pattern, "\\")
                || EF.Functions.Like(s.ShortLabel!, pattern, "\\") || EF.Functions.Like(s.Journal!, pattern, "\\"))
            .OrderByDescending(s => s.Year).ThenBy(s => s.Title)
            .Take(MaxSearchResults)
            .Select(s => new { s.Id, s.Title, s.Authors, s.Year, s.Journal })
            .ToListAsync(ct);
        var trials = await db.Trials.AsNoTracking()
            .WhereLike(db, t => (nct != null && t.NctId == nct) || EF.Functions.Like(t.NctId, pattern, "\\")
                || EF.Functions.Like(t.Title!, pattern, "\\") || EF.Functions.Like(t.Sponsor!, pattern, "\\")
                || EF.Functions.Like(t.Intervention!, pattern, "\\"))
            .OrderBy(t => t.NctId)
            .Take(MaxSearchResults)
            .Select(t => new { t.Id, t.NctId, t.Title })
            .ToListAsync(ct);
        return
        [
            .. trials.Select(t => new EvidenceOption($"trial:{t.Id}", $"Trial {t.NctId}", t.Title ?? "", $"/trials/{t.Id}")),
            .. studies.Select(s => new EvidenceOption($"study:{s.Id}", s.Title, s.Journal ?? "", $"/studies/{s.Id}")),
        ];
    }

    private static string StudyLabel(string title, string? firstAuthor, int? year) =>
        firstAuthor is null ? title : $"{firstAuthor} {year}: {title}";
}

/// <summary>What the library looked like when an index was built; any change gives a different stamp.</summary>
public readonly record struct LibraryStamp(int Studies, DateTime? StudiesChanged, int Trials, DateTime? TrialsChanged, int Links);

/// <summary>Holds the latest evidence index for all requests (a singleton).</summary>
public sealed class EvidenceIndexCache
{
    private (LibraryStamp Stamp, EvidenceIndex Index)? _latest;

    public EvidenceIndex? TryGet(LibraryStamp stamp) => _latest is { } latest && latest.Stamp == stamp ? latest.Index : null;

    public void Set(LibraryStamp stamp, EvidenceIndex index) => _latest = (stamp, index);
}
