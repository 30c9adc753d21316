using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KnowledgeBase.Data;

/// <summary>
/// The ASP.NET Core data-protection keys (the XML the key manager writes), kept in the knowledge base through
/// Microsoft.AspNetCore.DataProtection.EntityFrameworkCore so that every app instance on one database signs and reads
/// login and antiforgery cookies with the same keys. The table is the one the app's own key repository used before
/// (same name and columns, <c>Xml</c> still required), so keys stored by an earlier version stay valid.
/// </summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable("DataProtectionKeys");
        builder.Property(k => k.FriendlyName).HasMaxLength(256);
        builder.Property(k => k.Xml).IsRequired();
    }
}
