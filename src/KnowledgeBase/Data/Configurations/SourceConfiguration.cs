using KnowledgeBase.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KnowledgeBase.Data.Configurations;

internal sealed class SourceConfiguration : IEntityTypeConfiguration<Source>
{
    public void Configure(EntityTypeBuilder<Source> builder)
    {
        builder.Property(s => s.Title).HasMaxLength(500);
        builder.Property(s => s.Publisher).HasMaxLength(200);
        builder.Property(s => s.Url).HasMaxLength(2000);
        builder.Property(s => s.ContentHash).HasMaxLength(64);
        builder.Property(s => s.FileName).HasMaxLength(260);
        builder.HasIndex(s => s.ContentHash).IsUnique();
        builder.HasIndex(s => new { s.FileName, s.PartIndex }).IsUnique();
        // The home page's "newest sources": ORDER BY ImportedAt DESC, FileName, PartIndex read straight from the index.
        builder.HasIndex(s => new { s.ImportedAt, s.FileName, s.PartIndex }).IsDescending(true, false, false);
        builder.HasMany(s => s.Claims).WithOne(c => c.Source).HasForeignKey(c => c.SourceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.References).WithOne(r => r.Source).HasForeignKey(r => r.SourceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.TherapyKinds).WithOne(k => k.Source).HasForeignKey(k => k.SourceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Conditions).WithOne(c => c.Source).HasForeignKey(c => c.SourceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.ClassificationVersion);
    }
}

internal sealed class SourceTherapyKindConfiguration : IEntityTypeConfiguration<SourceTherapyKind>
{
    public void Configure(EntityTypeBuilder<SourceTherapyKind> builder)
    {
        builder.ToTable("SourceTherapyKinds");
        builder.HasKey(k => new { k.SourceId, k.Slug });
        builder.Property(k => k.Slug).HasMaxLength(40);
        // Filtering and counting by kind: (Slug, SourceId) is covering.
        builder.HasIndex(k => new { k.Slug, k.SourceId });
    }
}

internal sealed class SourceConditionConfiguration : IEntityTypeConfiguration<SourceCondition>
{
    public void Configure(EntityTypeBuilder<SourceCondition> builder)
    {
        builder.ToTable("SourceConditions");
        builder.HasKey(c => new { c.SourceId, c.Slug });
        builder.Property(c => c.Slug).HasMaxLength(40);
        builder.HasIndex(c => new { c.Slug, c.SourceId });
    }
}

internal sealed class SourceReferenceConfiguration : IEntityTypeConfiguration<SourceReference>
{
    public void Configure(EntityTypeBuilder<SourceReference> builder)
    {
        builder.Property(r => r.Label).HasMaxLength(32);
        builder.Property(r => r.Url).HasMaxLength(2000);
        builder.Property(r => r.Pmid).HasMaxLength(16);
        builder.Property(r => r.Doi).HasMaxLength(256);
        builder.Property(r => r.NctId).HasMaxLength(16);
        builder.HasIndex(r => new { r.SourceId, r.Ordinal }).IsUnique();
        builder.HasOne(r => r.Study).WithMany().HasForeignKey(r => r.StudyId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(r => r.Trial).WithMany().HasForeignKey(r => r.TrialId).OnDelete(DeleteBehavior.SetNull);
    }
}
