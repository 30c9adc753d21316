using KnowledgeBase.Data;
using Microsoft.AspNetCore.DataProtection;

namespace KnowledgeBase.Web.Infrastructure;

internal static class DataProtectionSetup
{
    /// <summary>One application name for every instance: by default it is the content root path, which differs between machines.</summary>
    public const string ApplicationName = "KnowledgeBase";

    /// <summary>
    /// The data-protection keys (which sign login and antiforgery cookies) live in the knowledge base's DataProtectionKeys
    /// table, so every app instance on one database accepts the others' cookies and a restart or a new container signs
    /// nobody out. The context is the provider's own (SQLite or PostgreSQL), resolved per use. The keys are stored as the
    /// key manager writes them, unencrypted: whoever can read the database could forge cookies, so guard its credentials.
    /// </summary>
    public static IServiceCollection AddKnowledgeBaseDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<KnowledgeBaseDbContext>();
        return services;
    }
}
