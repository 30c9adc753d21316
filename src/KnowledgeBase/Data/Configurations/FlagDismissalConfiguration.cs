using KnowledgeBase.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KnowledgeBase.Data.Configurations;

internal sealed class FlagDismissalConfiguration : IEntityTypeConfiguration<FlagDismissal>
{
    public void Configure(EntityTypeBuilder<FlagDismissal> builder)
    {
        builder.Property(d => d.FlagKind).HasMaxLength(FlagDismissal.KindLength);
        builder.Property(d => d.Record).HasMaxLength(FlagDismissal.RecordLength);
        builder.Property(d => d.Note).HasMaxLength(FlagDismissal.NoteLength);
        builder.Property(d => d.DismissedBy).HasMaxLength(256);
        // One dismissal per flag: the flag is named by its kind and the record it compares with.
        builder.HasIndex(d => new { d.ClaimId, d.FlagKind, d.Record }).IsUnique();
        builder.HasOne(d => d.Claim).WithMany().HasForeignKey(d => d.ClaimId).OnDelete(DeleteBehavior.Cascade);
    }
}
