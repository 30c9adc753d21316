using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Web;

/// <summary>An editor uploads files through the import page: references are previewed, then imported.</summary>
public sealed class ImportPageTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>, IAsyncLifetime
{
    private readonly HttpClient _editor = factory.CreateBrowser();
    private readonly string _email = $"importer-{Guid.NewGuid():N}@example.org";

    public async Task InitializeAsync()
    {
        await factory.CreateAccountAsync(_email, AccountRole.Editor);
        await _editor.SignInAsync(_email);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpResponseMessage> UploadAsync(string fileName, byte[] content)
    {
        var page = await _editor.GetPageAsync("/import");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await _editor.PostAsync(new Uri("/import", UriKind.Relative), form);
    }

    private Task<T> QueryAsync<T>(Func<KnowledgeBaseDbContext, Task<T>> query) => factory.QueryAsync(query);

    [Fact]
    public async Task A_reference_file_is_previewed_then_imported_on_confirmation()
    {
        const string ris = "TY  - JOUR\r\nAU  - Lindqvist, Maria\r\nAU  - Berg, Johan\r\nTI  - Adipose MSC for ALS: a case series\r\nT2  - Case Reports in Testing\r\nPY  - 2023\r\nVL  - 12\r\nDO  - 10.9999/crt.2023.7\r\nER  - \r\n";

        using var preview = await UploadAsync("../../etc/zotero export.ris", Encoding.UTF8.GetBytes(ris));

        preview.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await WebTestExtensions.ParseAsync(preview);
        page.QuerySelector("h1")!.TextContent.Should().Be("Preview: zotero export.ris", "the browser's name is shown without its path");
        page.QuerySelector("table tbody tr")!.TextContent.Should().Contain("Adipose MSC for ALS").And.Contain("add");
        page.QuerySelector(".lede")!.TextContent.Should().Contain("Read as RIS.", "formats are named as people know them");
        page.QuerySelector(".plan-authors")!.TextContent.Should().Be("Lindqvist M, Berg J");
        page.QuerySelector(".plan-publication")!.TextContent.Should().Be("Case Reports in Testing, 2023; 12");
        page.QuerySelector(".plan-identifiers")!.TextContent.Should().Be("DOI 10.9999/crt.2023.7");
        (await QueryAsync(db => db.Studies.AnyAsync(s => s.Doi == "10.9999/crt.2023.7"))).Should().BeFalse("a preview changes nothing");

        using var applied = await _editor.PostFormAsync("/import/apply", (IHtmlDocument)page, new Dictionary<string, string>
        {
            ["Token"] = page.FormValue("/import/apply", "Token"),
            ["FileName"] = page.FormValue("/import/apply", "FileName"),
        });

        applied.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = await WebTestExtensions.ParseAsync(applied);
        result.QuerySelector("h1")!.TextContent.Should().Be("Imported: zotero export.ris");
        result.QuerySelector(".lede")!.TextContent.Should().Contain("1 added,").And.NotContain("to add", "the result says what was done");
        result.QuerySelector("table tbody tr .badge")!.TextContent.Should().Be("added");
        var study = await QueryAsync(db => db.Studies.SingleAsync(s => s.Doi == "10.9999/crt.2023.7"));
        study.Provenance.Should().ContainSingle().Which.Should().Contain("zotero export.ris").And.NotContain("@", "provenance is public; who imported it is in the history");
    }

    [Fact]
    public async Task An_article_is_imported_at_once_and_the_page_says_what_it_did()
    {
        var text = "Our stem cell treatment stopped ALS progression in 95% of our patients within six months.\n\nCall +1-555-0100 to book.\n";

        using var response = await UploadAsync("clinic-page.txt", Encoding.UTF8.GetBytes(text));

        var page = await WebTestExtensions.ParseAsync(response);
        page.QuerySelector("h1")!.TextContent.Should().Be("Imported: clinic-page.txt");
        page.QuerySelector(".result-list")!.TextContent.Should().Contain("1 added").And.Contain("candidate claims found");
        var source = await QueryAsync(db => db.Sources.Include(s => s.Claims).SingleAsync(s => s.FileName == "clinic-page.txt"));
        source.Claims.Should().ContainSingle(c => c.Quote.Contains("95% of our patients"));
    }

    [Fact]
    public async Task A_binary_upload_is_refused_with_a_message_naming_it()
    {
        using var response = await UploadAsync("photo.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await WebTestExtensions.ParseAsync(response)).QuerySelector(".form-errors")!.TextContent.Should().StartWith("photo.txt").And.Contain("binary");
    }

    [Fact]
    public async Task Readers_cannot_reach_the_import_page()
    {
        using var reader = factory.CreateBrowser();

        using var response = await reader.GetAsync(new Uri("/import", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/account/login");
    }

    [Fact]
    public async Task A_possible_duplicate_is_merged_when_the_editor_says_so()
    {
        const string bib = "@article{mazzini2003,\n  author = {Mazzini, Letizia and Fagioli, Franca},\n  title = {Stem cell therapy in amyotrophic lateral sclerosis: a methodological approach in humans},\n  journal = {Amyotroph Lateral Scler Other Motor Neuron Disord},\n  year = {2003},\n  note = {Imported from a reference manager}\n}\n";
        using var preview = await UploadAsync("mazzini.bib", Encoding.UTF8.GetBytes(bib));
        var page = await WebTestExtensions.ParseAsync(preview);
        var merge = page.QuerySelector("input[type=radio][value=merge]")!;

        using var applied = await _editor.PostFormAsync("/import/apply", page, new Dictionary<string, string>
        {
            ["Token"] = page.FormValue("/import/apply", "Token"),
            ["FileName"] = page.FormValue("/import/apply", "FileName"),
            [merge.GetAttribute("name")!] = "merge",
        });

        applied.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = await WebTestExtensions.ParseAsync(applied);
        result.QuerySelector("table tbody tr")!.TextContent.Should().Contain("merged into this study by the editor");
        result.QuerySelector(".lede")!.TextContent.Should().Contain("1 merged into existing records");
        (await QueryAsync(db => db.Studies.CountAsync(s => s.Title.StartsWith("Stem cell therapy in amyotrophic lateral sclerosis: a methodological")))).Should().Be(1);
    }

    [Fact]
    public async Task An_upload_never_replaces_a_stored_article_that_has_the_same_file_name()
    {
        var before = await QueryAsync(db => db.Sources.SingleAsync(s => s.FileName == "003_b91c22ed071beb9d.txt"));

        using var response = await UploadAsync("003_b91c22ed071beb9d.txt", Encoding.UTF8.GetBytes("A completely different article claiming 99% of patients were cured.\n"));

        (await WebTestExtensions.ParseAsync(response)).QuerySelector(".form-errors")!.TextContent.Should().Contain("already in the knowledge base");
        var after = await QueryAsync(db => db.Sources.SingleAsync(s => s.FileName == "003_b91c22ed071beb9d.txt"));
        after.ContentHash.Should().Be(before.ContentHash);
    }
}
