using KnowledgeBase.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KnowledgeBase.Data.Configurations;

internal sealed class RecordEmbeddingConfiguration : IEntityTypeConfiguration<RecordEmbedding>
{
    public void Configure(EntityTypeBuilder<RecordEmbedding> builder)
    {
        builder.Property(e => e.Model).HasMaxLength(200);
        builder.Property(e => e.TextHash).HasMaxLength(64);
        builder.HasIndex(e => new { e.Kind, e.RecordId }).IsUnique();
    }
}
