using KnowledgeBase.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Web.Features.Import;

/// <summary>
/// Holds an uploaded file between its preview and the editor's "import" click. Stored under the
/// data folder by a random token: the uploaded file name is shown to people, never used as a path.
/// </summary>
public sealed class PendingUploads(IOptions<KnowledgeBaseOptions> options, IHostEnvironment environment, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(6);

    private string Folder => Path.Combine(Path.GetFullPath(options.Value.DataFolder, environment.ContentRootPath), "uploads");

    public async Task<string> SaveAsync(byte[] content, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        RemoveExpired();
        var token = Guid.NewGuid().ToString("N");
        await File.WriteAllBytesAsync(PathOf(token)!, content, ct);
        return token;
    }

    /// <summary>The upload's bytes, or null when the token is unknown or expired.</summary>
    public async Task<byte[]?> ReadAsync(string? token, CancellationToken ct)
    {
        var path = PathOf(token);
        return path is not null && File.Exists(path) ? await File.ReadAllBytesAsync(path, ct) : null;
    }

    public void Remove(string? token)
    {
        if (PathOf(token) is { } path && File.Exists(path)) File.Delete(path);
    }

    private string? PathOf(string? token) =>
        token is { Length: 32 } && token.All(char.IsAsciiHexDigitLower) ? Path.Combine(Folder, token + ".upload") : null;

    private void RemoveExpired()
    {
        foreach (var file in Directory.EnumerateFiles(Folder, "*.upload"))
        {
            if (clock.GetUtcNow().UtcDateTime - File.GetLastWriteTimeUtc(file) > Lifetime) File.Delete(file);
        }
    }
}
