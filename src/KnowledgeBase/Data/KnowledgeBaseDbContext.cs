using KnowledgeBase.Domain;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Data;

public sealed class KnowledgeBaseDbContext(DbContextOptions<KnowledgeBaseDbContext> options) : DbContext(options)
{
    public DbSet<Source> Sources => Set<Source>();
    public DbSet<SourceReference> SourceReferences => Set<SourceReference>();
    public DbSet<Claim> Claims => Set<Claim>();
    public DbSet<EvidenceLink> EvidenceLinks => Set<EvidenceLink>();
    public DbSet<Study> Studies => Set<Study>();
    public DbSet<Trial> Trials => Set<Trial>();
    public DbSet<TherapyType> TherapyTypes => Set<TherapyType>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(KnowledgeBaseDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Enums are stored by name: readable in the database and stable if members are reordered.
        configurationBuilder.Properties<ClaimStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<EvidenceRelation>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<EvidenceAssessment>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<StudyKind>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<TrialPhase>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<TitleOrigin>().HaveConversion<string>().HaveMaxLength(16);
    }
}
