using System.Net;
using System.Text;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// Control characters typed or forged into what the app stores (an uploaded file's name and text, a
/// note, a tag) are cleaned where they come in, the same way on SQLite and PostgreSQL (this class runs
/// on PostgreSQL when the suite does, where a NUL used to be a raw database error).
/// </summary>
public sealed class ControlCharacterInputTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>, IAsyncLifetime
{
    private readonly HttpClient _editor = factory.CreateBrowser();

    public async Task InitializeAsync()
    {
        var email = $"controls-{Guid.NewGuid():N}@example.org";
        await factory.CreateAccountAsync(email, AccountRole.Editor);
        await _editor.SignInAsync(email);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_upload_whose_name_and_text_hold_control_characters_is_stored_without_them()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var token = (await _editor.GetPageAsync("/import")).AntiforgeryToken();
        var text = $"Control test {marker}\u0001\n\nThe clinic\u001B says 93% of patients improved in 2025.\fA second line.\n";
        // Written by hand: HttpClient refuses a NUL in a header, a hostile client does not.
        var body = Encoding.UTF8.GetBytes(
            $"--b\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n" +
            $"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"nul\0{marker}\u202E.txt\"\r\nContent-Type: text/plain\r\n\r\n" +
            text + "\r\n--b--\r\n");
        using var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");

        using var response = await _editor.PostAsync(new Uri("/import", UriKind.Relative), content);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var source = await factory.QueryAsync(db => db.Sources.AsNoTracking().SingleAsync(s => s.FileName.Contains(marker)));
        source.FileName.Should().Be($"nul{marker}.txt");
        source.OriginalText.Should().NotContainAny("\u0001", "\u001B", "\f");
        source.CleanedText.Should().Contain("The clinic says 93% of patients improved in 2025.\nA second line.");
        var claims = await factory.QueryAsync(db => db.Claims.AsNoTracking().Where(c => c.SourceId == source.Id).ToListAsync());
        claims.Should().NotBeEmpty().And.OnlyContain(c => source.CleanedText.Substring(c.Start, c.End - c.Start) == c.Quote, "offsets are into the text as stored");
    }

    // An url-encoded form with a NUL cannot be read at all (next test); a multipart form carries one through.
    private async Task<HttpResponseMessage> PostMultipartAsync(string url, AngleSharp.Html.Dom.IHtmlDocument page, Dictionary<string, string> fields)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields.Append(new("__RequestVerificationToken", page.AntiforgeryToken()))) form.Add(new StringContent(value), name);
        return await _editor.PostAsync(new Uri(url, UriKind.Relative), form);
    }

    [Fact]
    public async Task A_note_and_a_tag_with_a_NUL_are_saved_without_it()
    {
        var (claimId, studyId) = await factory.QueryAsync(async db =>
            (await db.Claims.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(), await db.Studies.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync()));
        var page = await _editor.GetPageAsync($"/claims/{claimId}?target=study:{studyId}");
        var action = $"/claims/{claimId}/links";
        var marker = Guid.NewGuid().ToString("N")[..8];

        using var saved = await PostMultipartAsync(action, page, new Dictionary<string, string>
        {
            ["Target"] = $"study:{studyId}",
            ["Relation"] = "CitesExplicitly",
            ["Assessment"] = "Overstated",
            ["Note"] = $"Note {marker} with a NUL\0 and a bell\u0007.",
            ["Version"] = page.FormValue(action, "Version"),
            ["LoadedAt"] = page.FormValue(action, "LoadedAt"),
        });
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        (await factory.QueryAsync(db => db.EvidenceLinks.AsNoTracking().Where(l => l.Note!.Contains(marker)).Select(l => l.Note).SingleAsync()))
            .Should().Be($"Note {marker} with a NUL and a bell.");

        page = await _editor.GetPageAsync($"/claims/{claimId}");
        using var tagged = await PostMultipartAsync($"/claims/{claimId}/tags", page, new Dictionary<string, string> { ["Name"] = $"tag\0{marker}" });
        tagged.StatusCode.Should().Be(HttpStatusCode.Redirect, await tagged.Content.ReadAsStringAsync());
        (await factory.QueryAsync(db => db.Tags.AsNoTracking().Where(t => t.Name.Contains(marker)).Select(t => t.Name).SingleAsync())).Should().Be($"tag{marker}");
    }

    [Fact]
    public async Task An_url_encoded_form_with_a_NUL_is_a_bad_request_not_a_missing_page()
    {
        var claimId = await factory.QueryAsync(db => db.Claims.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var page = await _editor.GetPageAsync($"/claims/{claimId}");

        using var response = await _editor.PostFormAsync($"/claims/{claimId}/tags", page, new Dictionary<string, string> { ["Name"] = "tag\0name" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the form cannot be read; the address exists");
        (await WebTestExtensions.ParseAsync(response)).QuerySelector("h1")!.TextContent.Should().Be("Bad request");
    }

    [Theory]
    [InlineData("evil\u202Egat")]
    [InlineData("\u2066isolated\u2069")]
    [InlineData("marked\u200F")]
    public async Task A_tag_name_with_a_direction_control_is_refused_and_no_tag_is_made(string name)
    {
        var claimId = await factory.QueryAsync(db => db.Claims.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var page = await _editor.GetPageAsync($"/claims/{claimId}");
        var tagsBefore = await factory.QueryAsync(db => db.Tags.CountAsync());

        using var response = await _editor.PostFormAsync($"/claims/{claimId}/tags", page, new Dictionary<string, string> { ["Name"] = name });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await _editor.GetPageAsync(response.Headers.Location!.OriginalString)).Body!.TextContent
            .Should().Contain("cannot contain invisible direction controls");
        (await factory.QueryAsync(db => db.Tags.CountAsync())).Should().Be(tagsBefore);
    }
}
