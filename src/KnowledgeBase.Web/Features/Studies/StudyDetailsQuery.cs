using KnowledgeBase.Data;
using KnowledgeBase.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Studies;

/// <summary>A study's page (/studies/{id}): the record, its therapy types and trials, and the claims that rely on it.</summary>
public sealed class StudyDetailsQuery(KnowledgeBaseDbContext db)
{
    /// <summary>The study's page model; null when there is no such study.</summary>
    public async Task<StudyDetailsViewModel?> FindAsync(int id, CancellationToken ct)
    {
        var study = await db.Studies.AsNoTracking()
            .Where(s => s.Id == id)
            .Select(s => new StudyDetailsViewModel
            {
                Id = s.Id,
                LibraryId = s.LibraryId,
                Kind = s.Kind,
                RecordType = s.RecordType,
                Title = s.Title,
                ShortLabel = s.ShortLabel,
                Authors = s.Authors,
                Journal = s.Journal,
                Year = s.Year,
                Volume = s.Volume,
                Issue = s.Issue,
                Pages = s.Pages,
                Doi = s.Doi,
                Pmid = s.Pmid,
                Pmcid = s.Pmcid,
                PhaseText = s.PhaseText,
                Design = s.Design,
                Participants = s.Participants,
                ParticipantsDetail = s.ParticipantsDetail,
                CellType = s.CellType,
                CellSource = s.CellSource,
                Route = s.Route,
                Dosing = s.Dosing,
                MainResults = s.MainResults,
                Abstract = s.Abstract,
                Unverified = s.Unverified,
                VerifiedFrom = s.VerifiedFrom,
                ImportedAt = s.ImportedAt,
                UpdatedAt = s.UpdatedAt,
                TherapyTypes = s.TherapyTypes.OrderBy(t => t.SortOrder).Select(t => new TherapyTag(t.Slug, t.Name)).ToList(),
                Trials = s.Trials.OrderBy(t => t.NctId)
                    .Select(t => new StudyTrialRow(t.Id, t.NctId, t.Title, t.Phase, t.Status))
                    .ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (study is null) return null;

        var claims = await db.EvidenceLinks.Where(l => l.StudyId == id).ToLinkedClaimRowsAsync(ct);

        return study with { Claims = claims };
    }
}
