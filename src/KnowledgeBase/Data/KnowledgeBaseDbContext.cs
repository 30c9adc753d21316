using KnowledgeBase.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

using KnowledgeBase.Classification;
namespace KnowledgeBase.Data;

/// <summary>
/// The knowledge base. Every save bumps the concurrency version of changed records and writes
/// their <see cref="ChangeRecord"/>s in the same transaction: no change without its history.
/// This type is the SQLite context; <see cref="PostgresKnowledgeBaseDbContext"/> derives from it so each
/// provider keeps its own migrations. Create contexts through <see cref="DatabaseSetup"/>.
/// </summary>
public class KnowledgeBaseDbContext : DbContext, IDataProtectionKeyContext
{
    private readonly TimeProvider clock;

    public KnowledgeBaseDbContext(DbContextOptions<KnowledgeBaseDbContext> options, IChangeActor actor, TimeProvider clock)
        : this((DbContextOptions)options, actor, clock)
    {
    }

    protected KnowledgeBaseDbContext(DbContextOptions options, IChangeActor actor, TimeProvider clock)
        : base(options)
    {
        Actor = actor;
        this.clock = clock;
    }

    public DbSet<Source> Sources => Set<Source>();
    public DbSet<SourceReference> SourceReferences => Set<SourceReference>();
    public DbSet<SourceTherapyKind> SourceTherapyKinds => Set<SourceTherapyKind>();
    public DbSet<SourceCondition> SourceConditions => Set<SourceCondition>();
    public DbSet<Claim> Claims => Set<Claim>();
    public DbSet<EvidenceLink> EvidenceLinks => Set<EvidenceLink>();
    public DbSet<FlagDismissal> FlagDismissals => Set<FlagDismissal>();
    public DbSet<Study> Studies => Set<Study>();
    public DbSet<Trial> Trials => Set<Trial>();
    public DbSet<TherapyType> TherapyTypes => Set<TherapyType>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<ChangeRecord> ChangeRecords => Set<ChangeRecord>();
    /// <summary>The data-protection key ring (<c>PersistKeysToDbContext</c> in the web app).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<RecordEmbedding> RecordEmbeddings => Set<RecordEmbedding>();

    /// <summary>Who the next saves are attributed to.</summary>
    public IChangeActor Actor { get; set; }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveWithHistoryAsync(acceptAllChangesOnSuccess, sync: true, CancellationToken.None).GetAwaiter().GetResult();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        SaveWithHistoryAsync(acceptAllChangesOnSuccess, sync: false, cancellationToken);

    /// <summary>
    /// The last line of <see cref="StoredText"/>: every text value about to be written is cleaned the same
    /// way on both providers (names, up to <see cref="StoredText.ShortNameMaxLength"/> characters, also lose
    /// direction controls). Input is cleaned where it comes in, so this normally changes nothing.
    /// </summary>
    private void CleanStoredText()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
            {
                if (property.Metadata.ClrType != typeof(string) || property.CurrentValue is not string value) continue;
                if (entry.State == EntityState.Modified && !property.IsModified) continue;
                var clean = property.Metadata.GetMaxLength() <= StoredText.ShortNameMaxLength ? StoredText.CleanName(value) : StoredText.Clean(value);
                if (!ReferenceEquals(clean, value)) property.CurrentValue = clean;
            }
        }
    }

    private async Task<int> SaveWithHistoryAsync(bool acceptAll, bool sync, CancellationToken ct)
    {
        ChangeTracker.DetectChanges();
        if (DeriveFacets()) ChangeTracker.DetectChanges();
        CleanStoredText();
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified) entry.Entity.Version++;
        }

        var pending = ChangeAuditor.Capture(ChangeTracker, Actor.Name, clock.GetUtcNow().UtcDateTime);
        if (pending.Count == 0)
            return sync ? base.SaveChanges(acceptAll) : await base.SaveChangesAsync(acceptAll, ct);

        var ownTransaction = Database.CurrentTransaction is null
            ? (sync ? Database.BeginTransaction() : await Database.BeginTransactionAsync(ct))
            : null;
        try
        {
            var saved = sync ? base.SaveChanges(acceptAll) : await base.SaveChangesAsync(acceptAll, ct);
            ChangeRecords.AddRange(pending.Select(p => p.Complete()));
            _ = sync ? base.SaveChanges(acceptAll) : await base.SaveChangesAsync(acceptAll, ct);
            if (ownTransaction is not null)
            {
                if (sync) ownTransaction.Commit();
                else await ownTransaction.CommitAsync(ct);
            }
            return saved;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    /// <summary>Re-derives the browsing facets of every added or changed study and trial, whoever wrote them.</summary>
    private bool DeriveFacets()
    {
        var any = false;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            if (entry.Entity is Study study) FacetClassifier.Apply(study);
            else if (entry.Entity is Trial trial) FacetClassifier.Apply(trial);
            else continue;
            any = true;
        }
        return any;
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(KnowledgeBaseDbContext).Assembly);
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => typeof(IVersioned).IsAssignableFrom(e.ClrType)))
        {
            modelBuilder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Enums are stored by name: readable in the database and stable if members are reordered.
        configurationBuilder.Properties<ClaimStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<EvidenceRelation>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<EvidenceAssessment>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<StudyKind>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<PublicationForm>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<TrialPhase>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<TitleOrigin>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<TagKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<AccountRole>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<EvidenceLevel>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<TrialStatusFacet>().HaveConversion<string>().HaveMaxLength(24);
        // CellSourceFacets and RouteFacets are bit sets: stored as integers so "any of these" is one bitwise test.
    }
}
