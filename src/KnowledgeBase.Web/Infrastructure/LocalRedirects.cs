using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>Where to send someone back to after a form: a local address only, written so that it fits in a header.</summary>
public static class LocalRedirects
{
    /// <summary>
    /// <paramref name="target"/> when it is a local address, else <paramref name="fallback"/>; characters outside
    /// printable ASCII are percent-encoded (UTF-8). A header cannot carry them: <c>/claims?tag=é</c> used to fail
    /// the response with a 500 after the sign-in cookie had been set, losing the sign-in.
    /// </summary>
    public static string Target(IUrlHelper url, string? target, string fallback)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsLocalUrl(target)) return fallback;
        if (target!.All(c => c is > ' ' and < '\u007f')) return target;
        var sb = new StringBuilder(target.Length + 16);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in target.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7f)
            {
                sb.Append((char)rune.Value);
                continue;
            }
            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length]) sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
