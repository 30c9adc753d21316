using KnowledgeBase.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KnowledgeBase.Data.Configurations;

internal sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(Tag.MaxNameLength);
        builder.Property(t => t.NormalizedName).HasMaxLength(Tag.MaxNameLength);
        builder.Property(t => t.Description).HasMaxLength(500);
        builder.HasIndex(t => t.NormalizedName).IsUnique();
        builder.HasMany(t => t.Claims).WithMany(c => c.Tags).UsingEntity("ClaimTags");
        builder.HasData(Tag.InitialCategories.Select(t => new { t.Id, t.Name, t.NormalizedName, t.Kind, t.Description, t.CreatedAt, t.Version }));
    }
}

internal sealed class ChangeRecordConfiguration : IEntityTypeConfiguration<ChangeRecord>
{
    public void Configure(EntityTypeBuilder<ChangeRecord> builder)
    {
        builder.Property(c => c.Actor).HasMaxLength(256);
        builder.Property(c => c.EntityType).HasMaxLength(32);
        builder.Property(c => c.Action).HasMaxLength(32);
        builder.OwnsMany(c => c.Changes, b => b.ToJson());
        builder.HasIndex(c => new { c.EntityType, c.EntityId });
        builder.HasIndex(c => c.ClaimId);
        builder.HasIndex(c => new { c.Actor, c.At });
        builder.HasIndex(c => c.At);
    }
}
