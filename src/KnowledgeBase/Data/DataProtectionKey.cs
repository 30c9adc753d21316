using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KnowledgeBase.Data;

/// <summary>
/// One ASP.NET Core data-protection key (the XML the key manager writes). Kept in the knowledge base so
/// that every app instance on one database signs and reads login and antiforgery cookies with the same keys.
/// </summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    /// <summary>The key's id as the key manager names it ("key-&lt;guid&gt;").</summary>
    public string? FriendlyName { get; set; }

    public string Xml { get; set; } = "";
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable("DataProtectionKeys");
        builder.Property(k => k.FriendlyName).HasMaxLength(256);
    }
}
