using KnowledgeBase.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KnowledgeBase.Data.Configurations;

internal sealed class ClaimConfiguration : IEntityTypeConfiguration<Claim>
{
    public void Configure(EntityTypeBuilder<Claim> builder)
    {
        builder.Property(c => c.Prefix).HasMaxLength(Claim.ContextLength);
        builder.Property(c => c.Suffix).HasMaxLength(Claim.ContextLength);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.HasIndex(c => new { c.SourceId, c.Start });
        builder.HasIndex(c => new { c.Status, c.CreatedAt });
        // The claims list filtered by status in its default order (source, then place in the text): read in index
        // order and stopped at the page, instead of sorting every claim of that status (600,000 at a million claims).
        builder.HasIndex(c => new { c.Status, c.SourceId, c.Start });
        // The review queue by confidence: the claims with one, read in this order and stopped at the page.
        builder.HasIndex(c => c.Confidence);
        builder.HasIndex(c => c.CreatedAt);
        builder.HasIndex(c => c.IsOrphaned);
        builder.ToTable(t => t.HasCheckConstraint("CK_Claims_Span", "\"Start\" >= 0 AND \"End\" > \"Start\""));
        builder.HasMany(c => c.Links).WithOne(l => l.Claim).HasForeignKey(l => l.ClaimId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EvidenceLinkConfiguration : IEntityTypeConfiguration<EvidenceLink>
{
    public void Configure(EntityTypeBuilder<EvidenceLink> builder)
    {
        builder.Property(l => l.CreatedBy).HasMaxLength(256);
        builder.Property(l => l.Note).HasMaxLength(20_000);
        builder.HasOne(l => l.Study).WithMany(s => s.EvidenceLinks).HasForeignKey(l => l.StudyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(l => l.Trial).WithMany(t => t.EvidenceLinks).HasForeignKey(l => l.TrialId).OnDelete(DeleteBehavior.Restrict);
        // Covering indexes: a study's or trial's links, and the evidence map's assessment counts per study or
        // trial, are read from the index alone.
        builder.HasIndex(l => new { l.StudyId, l.Assessment, l.ClaimId });
        builder.HasIndex(l => new { l.TrialId, l.Assessment, l.ClaimId });
        // Claims browsing by assessment, and the evidence map's assessment counts.
        builder.HasIndex(l => new { l.Assessment, l.ClaimId });
        // "No citation given" points at nothing; the other relations point at a study or a trial.
        builder.ToTable(t => t.HasCheckConstraint(
            "CK_EvidenceLinks_Target",
            "(\"Relation\" = 'NoCitationGiven' AND \"StudyId\" IS NULL AND \"TrialId\" IS NULL) OR " +
            "(\"Relation\" <> 'NoCitationGiven' AND (\"StudyId\" IS NOT NULL OR \"TrialId\" IS NOT NULL))"));
    }
}
