using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Features.Import;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Tests.Reliability;

/// <summary>
/// The limits docs/reliability.md promises, through the real app: an upload over 10 MB gets the
/// upload page with 413 and the limit in words and imports nothing; the browser's file name is
/// never used as a path; over-long form values are refused with a message naming the field and
/// its limit, and nothing is saved (every table's checksum is unchanged).
/// </summary>
public sealed class UploadAndFormLimitsTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>, IAsyncLifetime
{
    private readonly HttpClient _admin = factory.CreateBrowser();
    private readonly string _email = $"limits-{Guid.NewGuid():N}@example.org";

    public async Task InitializeAsync()
    {
        await factory.CreateAccountAsync(_email, AccountRole.Admin);
        await _admin.SignInAsync(_email);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<IReadOnlyList<TableChecksum>> ChecksumsAsync() => factory.QueryAsync(db => TableChecksums.ComputeAsync(db));

    private async Task<HttpResponseMessage> UploadAsync(string fileName, HttpContent file)
    {
        var page = await _admin.GetPageAsync("/import");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken");
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await _admin.PostAsync(new Uri("/import", UriKind.Relative), form);
    }

    /// <summary>A valid article: a seed article with a sentence that makes it a new text.</summary>
    private static byte[] Article(string marker)
    {
        var text = File.ReadAllText(Directory.GetFiles(TestPaths.Seeds, "*.txt").Order(StringComparer.Ordinal).First());
        var firstBreak = text.IndexOf("\n\n", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text.Insert(firstBreak, $"\n\nUpload test {marker}: the clinic says 93% of patients improved in 2025."));
    }

    // ----- Size -----

    /// <summary>Whether the browser announces the length, and how far over 10 MB: a few KB (within the room left for the form) or 2 MB.</summary>
    public static TheoryData<bool, int> Oversized() => new() { { true, 0 }, { false, 0 }, { true, 2 }, { false, 2 } };

    [Theory]
    [MemberData(nameof(Oversized))]
    public async Task An_upload_over_10_MB_gets_the_upload_page_with_413_and_the_limit_and_imports_nothing(bool lengthKnown, int extraMb)
    {
        // A real article followed by blank lines: without the limit it would be imported.
        var content = Article($"oversized-{lengthKnown}-{extraMb}").Concat(Enumerable.Repeat((byte)'\n', (int)InputText.MaxBytes + extraMb * 1024 * 1024)).ToArray();
        var before = await ChecksumsAsync();

        using var response = await UploadAsync("big-article.txt", lengthKnown ? new ByteArrayContent(content) : new UnknownLengthContent(content));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        var page = await WebTestExtensions.ParseAsync(response);
        page.QuerySelector(".form-errors")!.TextContent.Should().Contain("larger than 10 MB").And.Contain("nothing was imported");
        page.QuerySelector("form[action='/import'] input[type=file]").Should().NotBeNull("the editor can pick a smaller file at once");
        (await ChecksumsAsync()).Should().Equal(before, "nothing was imported");
    }

    [Fact]
    public async Task An_upload_of_exactly_10_MB_is_not_refused_for_its_size()
    {
        var content = new byte[InputText.MaxBytes];
        Array.Fill(content, (byte)'a');
        var before = await ChecksumsAsync();

        using var response = await UploadAsync("ten-mb.txt", new ByteArrayContent(content));

        // Not an article (one enormous line), so refused by the importer with its own message, not by the size limit.
        response.StatusCode.Should().NotBe(HttpStatusCode.RequestEntityTooLarge);
        (await WebTestExtensions.ParseAsync(response)).QuerySelector(".form-errors")!.TextContent.Should().StartWith("ten-mb.txt").And.NotContain("larger than 10 MB");
        (await ChecksumsAsync()).Should().Equal(before);
    }

    // ----- File names -----

    public static TheoryData<string, string> HostileNames() => new()
    {
        { "../../etc/passwd.txt", "passwd.txt" },
        { "/tmp/x.txt", "x.txt" },
        { "..\\..\\win.txt", "win.txt" },
        { "C:\\Windows\\system32\\drivers.txt", "drivers.txt" },
        { "sub/../../../escape.txt", "escape.txt" },
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task An_uploaded_article_file_name_is_never_used_as_a_path(string browserName, string bareName)
    {
        var dataFolder = DataFolder();
        // Only the app's own folder (database, logs, uploads waiting for confirmation): the places outside it that the
        // name could point at are checked one by one (OutsideState). Scanning the whole temp folder made the test fail
        // whenever another process wrote a file there with the name's letters in it.
        var filesBefore = FilesUnder(dataFolder);
        var outsideBefore = OutsideState(browserName, dataFolder);

        using var response = await UploadAsync(browserName, new ByteArrayContent(Article(bareName)));

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the article is imported");
        (await WebTestExtensions.ParseAsync(response)).Body!.TextContent.Should().Contain(bareName).And.NotContain(browserName);
        var stored = await factory.QueryAsync(db => db.Sources.Where(s => s.FileName.EndsWith(bareName)).Select(s => s.FileName).ToListAsync());
        stored.Should().Equal([bareName], "the source's displayed name is the bare file name");
        OutsideState(browserName, dataFolder).Should().Equal(outsideBefore, "nothing is written where the name points");
        FilesUnder(dataFolder).Except(filesBefore)
            .Where(f => Path.GetFileName(f).Contains(Path.GetFileNameWithoutExtension(bareName), StringComparison.Ordinal))
            .Should().BeEmpty("no file is created under the upload's name");
    }

    [Fact]
    public async Task A_reference_upload_waiting_for_confirmation_is_stored_under_a_random_token_not_its_name()
    {
        var ris = "TY  - JOUR\nTI  - Path traversal in reference managers: a randomised trial\nAU  - Tester, Ana\nPY  - 2024\nER  - \n";
        var uploads = Path.Combine(DataFolder(), "uploads");

        using var response = await UploadAsync("../../../../tmp/evil.ris", new ByteArrayContent(Encoding.UTF8.GetBytes(ris)));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await WebTestExtensions.ParseAsync(response);
        page.FormValue("/import/apply", "FileName").Should().Be("evil.ris");
        var token = page.FormValue("/import/apply", "Token");
        token.Should().MatchRegex("^[0-9a-f]{32}$");
        Directory.GetFiles(uploads).Select(Path.GetFileName).Should().Contain(token + ".upload")
            .And.OnlyContain(f => f!.Length == 32 + ".upload".Length, "only tokens name stored uploads");
        File.Exists("/tmp/evil.ris").Should().BeFalse();

        // A token that is not one of ours never reaches the file system.
        foreach (var forged in new[] { "../../../../etc/passwd", "..%2f..%2fknowledgebase.db", token.ToUpperInvariant(), token + "x" })
        {
            using var applied = await _admin.PostFormAsync("/import/apply", page, new Dictionary<string, string> { ["Token"] = forged, ["FileName"] = "evil.ris" });
            applied.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"token {forged}");
            (await WebTestExtensions.ParseAsync(applied)).QuerySelector(".form-errors")!.TextContent.Should().Contain("no longer waiting");
        }
    }

    private string DataFolder()
    {
        var options = factory.Services.GetRequiredService<IOptions<KnowledgeBaseOptions>>().Value;
        return Path.GetFullPath(options.DataFolder);
    }

    private static HashSet<string> FilesUnder(string folder) =>
        Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 4 }).ToHashSet(StringComparer.Ordinal);

    /// <summary>Existence and last write time of every place the name could point at, relative to the data folder or absolute.</summary>
    private static List<string> OutsideState(string browserName, string dataFolder)
    {
        var name = browserName.Replace('\\', '/');
        var candidates = new[] { name, Path.Combine(dataFolder, name), Path.Combine(dataFolder, "uploads", name), Path.Combine(Environment.CurrentDirectory, name) };
        return candidates.Select(c =>
        {
            var full = Path.GetFullPath(c);
            return File.Exists(full) ? $"{full} {File.GetLastWriteTimeUtc(full).Ticks}" : $"{full} absent";
        }).ToList();
    }

    // ----- Over-long form values -----

    [Fact]
    public async Task An_over_long_claim_quote_is_refused_naming_the_limit_and_nothing_is_saved()
    {
        var claim = await factory.QueryAsync(db => db.Claims.OrderBy(c => c.Id).Select(c => new { c.Id, c.SourceId, c.Quote }).FirstAsync());

        // A new claim on the source (post-redirect-get: the message is on the source page).
        await RefusedAsync($"/sources/{claim.SourceId}", $"/sources/{claim.SourceId}/claims",
            new() { ["Quote"] = new string('q', 4001) }, "A claim is at most 4,000 characters");

        // Editing a claim's words.
        var claimPage = await _admin.GetPageAsync($"/claims/{claim.Id}");
        await RefusedAsync($"/claims/{claim.Id}", $"/claims/{claim.Id}/span", new()
        {
            ["Quote"] = claim.Quote + new string(' ', 10) + new string('q', 4001 - claim.Quote.Length),
            ["Version"] = claimPage.FormValue($"/claims/{claim.Id}/span", "Version"),
            ["LoadedAt"] = claimPage.FormValue($"/claims/{claim.Id}/span", "LoadedAt"),
        }, "A claim is at most 4,000 characters");
        (await factory.QueryAsync(db => db.Claims.Where(c => c.Id == claim.Id).Select(c => c.Quote).SingleAsync())).Should().Be(claim.Quote);
    }

    [Fact]
    public async Task An_over_long_evidence_note_is_refused_naming_the_limit_and_nothing_is_saved()
    {
        var claimId = await factory.QueryAsync(db => db.Claims.OrderBy(c => c.Id).Select(c => c.Id).Skip(1).FirstAsync());
        var page = await _admin.GetPageAsync($"/claims/{claimId}");

        await RefusedAsync($"/claims/{claimId}", $"/claims/{claimId}/links", new()
        {
            ["Target"] = "",
            ["Relation"] = nameof(EvidenceRelation.NoCitationGiven),
            ["Note"] = new string('n', 20_001),
            ["Version"] = page.FormValue($"/claims/{claimId}/links", "Version"),
            ["LoadedAt"] = page.FormValue($"/claims/{claimId}/links", "LoadedAt"),
        }, "The note is at most 20,000 characters");

        // The same note at the limit is accepted: the limit is where the message says.
        page = await _admin.GetPageAsync($"/claims/{claimId}");
        using var accepted = await _admin.PostFormAsync($"/claims/{claimId}/links", page, new Dictionary<string, string>
        {
            ["Target"] = "",
            ["Relation"] = nameof(EvidenceRelation.NoCitationGiven),
            ["Note"] = new string('n', 20_000),
            ["Version"] = page.FormValue($"/claims/{claimId}/links", "Version"),
            ["LoadedAt"] = page.FormValue($"/claims/{claimId}/links", "LoadedAt"),
        });
        accepted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await factory.QueryAsync(db => db.EvidenceLinks.Where(l => l.ClaimId == claimId).Select(l => l.Note!.Length).ToListAsync())).Should().Contain(20_000, "stored whole");
    }

    [Fact]
    public async Task An_over_long_tag_name_is_refused_wherever_tags_are_named()
    {
        var claimId = await factory.QueryAsync(db => db.Claims.OrderBy(c => c.Id).Select(c => c.Id).Skip(2).FirstAsync());
        var longName = new string('t', 61);
        const string message = "A tag name can have at most 60 characters";

        await RefusedAsync($"/claims/{claimId}", $"/claims/{claimId}/tags", new() { ["Name"] = longName }, message);
        await RefusedAsync("/claims", "/claims/bulk-tag", new() { ["Name"] = longName, ["ClaimIds"] = claimId.ToString(CultureInfo.InvariantCulture), ["ReturnUrl"] = "/claims" }, message);
        await RefusedAsync("/admin/tags", "/admin/tags", new() { ["Name"] = longName, ["Description"] = "fine" }, message);

        var tag = await factory.QueryAsync(db => db.Tags.OrderBy(t => t.Id).Select(t => new { t.Id, t.Name, t.Kind, t.Version }).FirstAsync());
        await RefusedAsync($"/admin/tags/{tag.Id}", $"/admin/tags/{tag.Id}", new()
        {
            ["Name"] = longName,
            ["Kind"] = tag.Kind.ToString(),
            ["Description"] = "",
            ["Version"] = tag.Version.ToString(CultureInfo.InvariantCulture),
        }, message);
        (await factory.QueryAsync(db => db.Tags.CountAsync(t => t.Name.StartsWith("tttttttttt")))).Should().Be(0, "not saved, not even cut to 60 characters");
    }

    [Fact]
    public async Task An_over_long_tag_description_is_refused_naming_the_limit()
    {
        const string message = "A description can have at most 500 characters";
        await RefusedAsync("/admin/tags", "/admin/tags", new() { ["Name"] = "Described category", ["Description"] = new string('d', 501) }, message);

        var tag = await factory.QueryAsync(db => db.Tags.OrderBy(t => t.Id).Select(t => new { t.Id, t.Name, t.Kind, t.Version }).FirstAsync());
        await RefusedAsync($"/admin/tags/{tag.Id}", $"/admin/tags/{tag.Id}", new()
        {
            ["Name"] = tag.Name,
            ["Kind"] = tag.Kind.ToString(),
            ["Description"] = new string('d', 501),
            ["Version"] = tag.Version.ToString(CultureInfo.InvariantCulture),
        }, message);
    }

    public static TheoryData<string, string, string> OverLongAccountFields() => new()
    {
        { "Email", new string('e', 245) + "@example.org", "An e-mail address can have at most 256 characters" },
        { "DisplayName", new string('n', 101), "A name can have at most 100 characters" },
        { "Password", new string('p', 257), "A password can have at most 256 characters" },
    };

    [Theory]
    [MemberData(nameof(OverLongAccountFields))]
    public async Task An_over_long_account_field_is_refused_naming_the_limit_and_no_account_is_created(string field, string value, string message)
    {
        var fields = new Dictionary<string, string>
        {
            ["Email"] = $"new-{Guid.NewGuid():N}@example.org",
            ["DisplayName"] = "New Editor",
            ["Role"] = nameof(AccountRole.Editor),
            ["Password"] = "a long enough initial password 42",
        };
        fields[field] = value;

        await RefusedAsync("/admin/accounts", "/admin/accounts", fields, message);
    }

    [Fact]
    public async Task An_over_long_new_password_is_refused_naming_the_limit()
    {
        var other = await factory.CreateAccountAsync($"other-{Guid.NewGuid():N}@example.org", AccountRole.Editor);
        var longPassword = new string('p', 257);

        await RefusedAsync($"/admin/accounts/{other.Id}", $"/admin/accounts/{other.Id}/password",
            new() { ["NewPassword"] = longPassword, ["ConfirmPassword"] = longPassword }, "A password can have at most 256 characters");
    }

    /// <summary>
    /// Posts the form from <paramref name="pageUrl"/> to <paramref name="postUrl"/>; the answer (or the
    /// page it redirects to) must show <paramref name="message"/>, and no table may have changed.
    /// </summary>
    private async Task RefusedAsync(string pageUrl, string postUrl, Dictionary<string, string> fields, string message)
    {
        var page = await _admin.GetPageAsync(pageUrl);
        var before = await ChecksumsAsync();

        using var response = await _admin.PostFormAsync(postUrl, page, fields);

        ((int)response.StatusCode).Should().BeLessThan(500, $"POST {postUrl}");
        IHtmlDocument shown;
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            var location = response.Headers.Location!.OriginalString;
            shown = await _admin.GetPageAsync(location.Split('#')[0]);
        }
        else
        {
            response.StatusCode.Should().BeOneOf([HttpStatusCode.BadRequest, HttpStatusCode.OK], $"POST {postUrl} shows the form again");
            shown = await WebTestExtensions.ParseAsync(response);
        }
        shown.Body!.TextContent.Should().Contain(message, $"POST {postUrl} says which field is too long and its limit");
        (await ChecksumsAsync()).Should().Equal(before, $"POST {postUrl} saves nothing, truncated or not");
    }

    /// <summary>A body whose length is not announced (sent chunked), so only the limits applied while reading can stop it.</summary>
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
