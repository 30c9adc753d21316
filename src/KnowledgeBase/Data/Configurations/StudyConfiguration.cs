using System.Text.Json;
using System.Text.Json.Serialization;
using KnowledgeBase.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KnowledgeBase.Data.Configurations;

internal sealed class StudyConfiguration : IEntityTypeConfiguration<Study>
{
    /// <summary>
    /// Room for the longest structured abstracts (PubMed's run to a few thousand characters) with a wide margin;
    /// a longer "abstract" is almost always a full text pasted by mistake, and the importers name it.
    /// </summary>
    public const int AbstractMaxLength = 32_000;

    private static readonly JsonSerializerOptions JsonOptions = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public void Configure(EntityTypeBuilder<Study> builder)
    {
        builder.Property(s => s.LibraryId).HasMaxLength(32);
        builder.Property(s => s.RecordType).HasMaxLength(64);
        builder.Property(s => s.Title).HasMaxLength(1000);
        builder.Property(s => s.ShortLabel).HasMaxLength(500);
        builder.Property(s => s.Journal).HasMaxLength(300);
        builder.Property(s => s.Publisher).HasMaxLength(300);
        builder.Property(s => s.PublisherPlace).HasMaxLength(200);
        builder.Property(s => s.Volume).HasMaxLength(64);
        builder.Property(s => s.Issue).HasMaxLength(64);
        builder.Property(s => s.Pages).HasMaxLength(64);
        builder.Property(s => s.Doi).HasMaxLength(256);
        builder.Property(s => s.Pmid).HasMaxLength(16);
        builder.Property(s => s.Pmcid).HasMaxLength(16);
        builder.Property(s => s.Abstract).HasMaxLength(AbstractMaxLength);
        // Read and written only with their study, in order, never queried alone: a JSON column (decision 0030). A value
        // converted to JSON text rather than an owned JSON collection, which EF Core cannot load in the
        // no-tracking-with-identity-resolution queries the claim pages use.
        builder.Property(s => s.AuthorNames)
            .HasConversion(
                names => JsonSerializer.Serialize(names, JsonOptions),
                json => string.IsNullOrEmpty(json) ? new List<AuthorName>() : JsonSerializer.Deserialize<List<AuthorName>>(json, JsonOptions) ?? new List<AuthorName>(),
                new ValueComparer<List<AuthorName>>(
                    (a, b) => JsonSerializer.Serialize(a, JsonOptions) == JsonSerializer.Serialize(b, JsonOptions),
                    names => JsonSerializer.Serialize(names, JsonOptions).GetHashCode(StringComparison.Ordinal),
                    names => JsonSerializer.Deserialize<List<AuthorName>>(JsonSerializer.Serialize(names, JsonOptions), JsonOptions)!))
            // Nullable as the column already is: making it required would rebuild the SQLite table and drop its search
            // triggers. Every row holds a list ("[]" at least): the migration fills the empty ones, saves write one.
            .IsRequired(false);
        builder.HasIndex(s => s.LibraryId).IsUnique();
        builder.HasIndex(s => s.Doi).IsUnique();
        builder.HasIndex(s => s.Pmid).IsUnique();
        builder.HasIndex(s => s.Year);
        // Browsing: one index per facet and sort (docs/decisions/0008-browsing-facets.md).
        builder.HasIndex(s => s.EvidenceLevel);
        builder.HasIndex(s => s.PhaseFacet);
        builder.HasIndex(s => s.CellSourceFacet);
        builder.HasIndex(s => s.RouteFacet);
        builder.HasIndex(s => s.Title);
        builder.HasIndex(s => s.Participants);
        builder.HasIndex(s => s.FacetsVersion);
        builder.HasMany(s => s.TherapyTypes).WithMany(t => t.Studies).UsingEntity("StudyTherapyTypes");
        builder.HasMany(s => s.Trials).WithMany(t => t.Studies).UsingEntity("StudyTrials");
    }
}

internal sealed class TrialConfiguration : IEntityTypeConfiguration<Trial>
{
    /// <summary>The registry allows 5,000 characters of brief summary and 32,000 of detailed description; both fit.</summary>
    public const int SummaryMaxLength = 40_000;

    public void Configure(EntityTypeBuilder<Trial> builder)
    {
        builder.Property(t => t.NctId).HasMaxLength(16);
        builder.Property(t => t.Title).HasMaxLength(1000);
        builder.Property(t => t.Status).HasMaxLength(64);
        builder.Property(t => t.Sponsor).HasMaxLength(300);
        builder.Property(t => t.Summary).HasMaxLength(SummaryMaxLength);
        builder.HasIndex(t => t.NctId).IsUnique();
        builder.HasIndex(t => t.Phase);
        builder.HasIndex(t => t.StatusFacet);
        builder.HasIndex(t => t.EvidenceLevel);
        builder.HasIndex(t => t.CellSourceFacet);
        builder.HasIndex(t => t.RouteFacet);
        builder.HasIndex(t => t.Title);
        builder.HasIndex(t => t.Enrollment);
        builder.HasIndex(t => t.FacetsVersion);
        builder.HasMany(t => t.TherapyTypes).WithMany(t => t.Trials).UsingEntity("TrialTherapyTypes");
    }
}

internal sealed class TherapyTypeConfiguration : IEntityTypeConfiguration<TherapyType>
{
    public void Configure(EntityTypeBuilder<TherapyType> builder)
    {
        builder.Property(t => t.Slug).HasMaxLength(64);
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Description).HasMaxLength(500);
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.HasData(TherapyType.Taxonomy.Select(t => new { t.Id, t.Slug, t.Name, t.Description, t.SortOrder }));
    }
}
