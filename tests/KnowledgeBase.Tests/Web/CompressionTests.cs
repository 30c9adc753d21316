using System.IO.Compression;
using System.Net;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// Readers' pages come brotli- or gzip-compressed when the client accepts it, are cached that way (one variant per
/// Accept-Encoding, so a client is never sent an encoding it did not ask for), and decode to the page a plain request
/// gets; signed-in editors' pages are never compressed (decision 0033).
/// </summary>
public sealed class CompressionTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    [Fact]
    public async Task A_reader_gets_the_encoding_asked_for_and_each_variant_decodes_to_the_same_page()
    {
        var claimId = await factory.QueryAsync(db => db.Claims.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var url = $"/claims/{claimId}";
        var reader = factory.CreateBrowser();

        var (brEncoding, brBody) = await GetAsync(reader, url, "br");
        var (gzipEncoding, gzipBody) = await GetAsync(reader, url, "gzip");
        var (plainEncoding, plainBody) = await GetAsync(reader, url, null);
        var (againEncoding, againBody) = await GetAsync(reader, url, "gzip, deflate, br");

        brEncoding.Should().Be("br");
        gzipEncoding.Should().Be("gzip");
        plainEncoding.Should().BeNull("a client that asks for no encoding gets the page as it is, though compressed variants are cached");
        againEncoding.Should().Be("br", "brotli is preferred when both are accepted");
        plainBody.Should().Contain("<h1");
        brBody.Should().Be(plainBody);
        gzipBody.Should().Be(plainBody);
        againBody.Should().Be(plainBody);
    }

    [Fact]
    public async Task A_cached_compressed_page_is_served_again_from_the_cache()
    {
        var reader = factory.CreateBrowser();
        await GetAsync(reader, "/studies", "gzip");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/studies");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var response = await reader.SendAsync(request);

        response.Content.Headers.ContentEncoding.Should().Equal("gzip");
        response.Headers.Age.Should().NotBeNull("the second request is answered from the page cache, compressed as stored");
        response.Headers.Vary.Should().Contain("Accept-Encoding");
    }

    [Fact]
    public async Task A_signed_in_editors_page_is_never_compressed()
    {
        var editor = await factory.SignedInEditorAsync();

        var (encoding, body) = await GetAsync(editor, "/claims", "gzip, br");

        encoding.Should().BeNull();
        body.Should().Contain("<h1");
    }

    private static async Task<(string? Encoding, string Body)> GetAsync(HttpClient client, string url, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        using var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var encoding = response.Content.Headers.ContentEncoding.SingleOrDefault();
        await using var raw = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = encoding switch
        {
            "br" => new BrotliStream(raw, CompressionMode.Decompress),
            "gzip" => new GZipStream(raw, CompressionMode.Decompress),
            _ => raw,
        };
        using var text = new StreamReader(decoded);
        return (encoding, await text.ReadToEndAsync());
    }
}
