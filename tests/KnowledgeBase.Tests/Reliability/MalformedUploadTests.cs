using System.Net;
using System.Text;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Tests.Reliability;

/// <summary>
/// A multipart body to <c>POST /import</c> that cannot be read as a form (the cases of
/// bench/malformed-upload-probe.py) gets the upload page with 400 and what was wrong, never a 500,
/// and never a false "larger than 10 MB"; 413 only for a body that really is over the limit.
/// Antiforgery is satisfied (the token in the header and as the first form field), so the
/// answer is about the body, and nothing is imported (every table's checksum is unchanged).
/// </summary>
public sealed class MalformedUploadTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>, IAsyncLifetime
{
    private const string Boundary = "kbtest";
    private static readonly byte[] ArticleText = Encoding.UTF8.GetBytes("A title\n\nThe clinic says 93% of patients improved.\n");
    private readonly HttpClient _editor = factory.CreateBrowser();
    private readonly string _email = $"malformed-{Guid.NewGuid():N}@example.org";

    public async Task InitializeAsync()
    {
        await factory.CreateAccountAsync(_email, AccountRole.Editor);
        await _editor.SignInAsync(_email);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] TokenPart(string token) =>
        Bytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n");

    private static readonly byte[] FileHeaders =
        Bytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n");

    private static readonly byte[] End = Bytes($"\r\n--{Boundary}--\r\n");

    /// <summary>Each case: its name, the Content-Type, and the body after the token part.</summary>
    public static TheoryData<string, string, string> Cases() => new()
    {
        { "no boundary parameter", "multipart/form-data", "file+end" },
        { "empty boundary", "multipart/form-data; boundary=\"\"", "file" },
        { "boundary not in the body", "multipart/form-data; boundary=other", "file+end" },
        { "boundary over 70 characters", "multipart/form-data; boundary=" + new string('x', 200), "file" },
        { "truncated part", $"multipart/form-data; boundary={Boundary}", "file" },
        { "truncated headers", $"multipart/form-data; boundary={Boundary}", "cut-headers" },
        { "part without headers", $"multipart/form-data; boundary={Boundary}", "no-headers" },
        { "part without Content-Disposition", $"multipart/form-data; boundary={Boundary}", "no-disposition" },
        { "header without a colon", $"multipart/form-data; boundary={Boundary}", "bad-header" },
        { "17 headers in a part", $"multipart/form-data; boundary={Boundary}", "many-headers" },
        { "binary garbage", $"multipart/form-data; boundary={Boundary}", "garbage" },
    };

    private static byte[] Body(string token, string shape)
    {
        byte[] rest = shape switch
        {
            "file+end" => [.. FileHeaders, .. ArticleText, .. End],
            "file" => [.. FileHeaders, .. ArticleText],
            "cut-headers" => Bytes($"--{Boundary}\r\nContent-Dispo"),
            "no-headers" => [.. Bytes($"--{Boundary}\r\n\r\n"), .. ArticleText, .. End],
            "no-disposition" => [.. Bytes($"--{Boundary}\r\nContent-Type: text/plain\r\n\r\n"), .. ArticleText, .. End],
            "bad-header" => [.. Bytes($"--{Boundary}\r\nnonsense\r\n\r\n"), .. ArticleText, .. End],
            "many-headers" => [.. Bytes($"--{Boundary}\r\n" + string.Concat(Enumerable.Range(0, 17).Select(i => $"X-H{i}: v\r\n"))), .. FileHeaders.Skip(Boundary.Length + 4), .. ArticleText, .. End],
            "garbage" => Enumerable.Repeat(new byte[] { 0, 0xFF }, 500).SelectMany(b => b).ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };
        return shape == "garbage" ? rest : [.. TokenPart(token), .. rest];
    }

    private async Task<HttpResponseMessage> PostRawAsync(string contentType, Func<string, byte[]> body, bool lengthKnown = true)
    {
        var token = (await _editor.GetPageAsync("/import")).AntiforgeryToken();
        var bytes = body(token);
        HttpContent content = lengthKnown ? new ByteArrayContent(bytes) : new UnknownLengthContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/import", UriKind.Relative)) { Content = content };
        request.Headers.Add("RequestVerificationToken", token);
        return await _editor.SendAsync(request);
    }

    private Task<IReadOnlyList<TableChecksum>> ChecksumsAsync() => factory.QueryAsync(db => TableChecksums.ComputeAsync(db));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_malformed_upload_gets_400_saying_it_could_not_be_read_and_imports_nothing(string name, string contentType, string shape)
    {
        var before = await ChecksumsAsync();

        foreach (var lengthKnown in new[] { true, false })
        {
            using var response = await PostRawAsync(contentType, token => Body(token, shape), lengthKnown);

            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"{name} (length {(lengthKnown ? "given" : "not given")}) is a client error, and not a too-large one");
            var page = await WebTestExtensions.ParseAsync(response);
            page.QuerySelector(".form-errors")!.TextContent.Should().Contain("The upload could not be read:").And.Contain("Nothing was imported")
                .And.NotContain("larger than");
            page.QuerySelector("form[action='/import'] input[type=file]").Should().NotBeNull("the editor can upload again at once");
        }
        (await ChecksumsAsync()).Should().Equal(before, "nothing was imported");
    }

    [Fact]
    public async Task The_same_article_well_formed_is_imported()
    {
        using var response = await PostRawAsync($"multipart/form-data; boundary={Boundary}", token => [.. TokenPart(token), .. FileHeaders, .. ArticleText, .. End]);

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the cases above differ from a good upload only in what they break");
        (await WebTestExtensions.ParseAsync(response)).Title.Should().StartWith("Imported a.txt");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_truncated_upload_over_the_limit_is_413(bool lengthKnown)
    {
        var big = new byte[InputText.MaxBytes + 100_000];
        Array.Fill(big, (byte)'x');

        using var response = await PostRawAsync($"multipart/form-data; boundary={Boundary}", token => [.. TokenPart(token), .. FileHeaders, .. big], lengthKnown);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await WebTestExtensions.ParseAsync(response)).QuerySelector(".form-errors")!.TextContent.Should().Contain("larger than 10 MB");
    }

    private sealed class UnknownLengthContent(byte[] content) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(content).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
