using KnowledgeBase.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KnowledgeBase.Data.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.Property(a => a.Email).HasMaxLength(256);
        builder.Property(a => a.NormalizedEmail).HasMaxLength(256);
        builder.Property(a => a.DisplayName).HasMaxLength(100);
        builder.Property(a => a.PasswordHash).HasMaxLength(512);
        builder.Property(a => a.SecurityStamp).HasMaxLength(64);
        builder.HasIndex(a => a.NormalizedEmail).IsUnique();
    }
}
