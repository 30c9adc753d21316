using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// The admin screens (accounts, tag vocabulary, history) through real HTTP: only admins reach
/// them, and each change does what an admin relies on. One app per nested class: sign-ins are
/// rate-limited to ten a minute per client address, and the test server has a single address.
/// </summary>
public abstract class AdminTests(KnowledgeBaseAppFactory factory)
{
    protected KnowledgeBaseAppFactory Factory { get; } = factory;

    protected const string NewPassword = "a brand new long password";

    protected async Task<T> QueryAsync<T>(Func<KnowledgeBaseDbContext, Task<T>> query)
    {
        _ = Factory.Server;
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>());
    }

    protected async Task<(HttpClient Client, Account Account)> SignedInAsync(string email, AccountRole role)
    {
        var account = await Factory.CreateAccountAsync(email, role);
        var client = Factory.CreateBrowser();
        await client.SignInAsync(email);
        return (client, account);
    }

    protected static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string token, params (string Name, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(
            fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
                .Append(new KeyValuePair<string, string>("__RequestVerificationToken", token)));
        return await client.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    protected static async Task<string> TokenAsync(HttpClient client) => (await client.GetPageAsync("/")).AntiforgeryToken();

    protected static string Text(IElement? element) => element?.TextContent.Trim() ?? "";

    protected static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether the response refuses the request: 403, or the cookie handler's redirect to the access-denied page.</summary>
    protected static bool IsForbidden(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/denied", StringComparison.Ordinal));

    /// <summary>Whether the session is anonymous now: the header offers "Sign in" and no "Sign out".</summary>
    protected static async Task<bool> IsAnonymousAsync(HttpClient client)
    {
        var page = await client.GetPageAsync("/claims");
        return page.QuerySelector(".site-account a[href^='/account/login']") is not null
            && page.QuerySelector(".site-account form") is null;
    }

    protected async Task<Tag> TagWithClaimsAsync(string name, IEnumerable<int> claimIds)
    {
        return await QueryAsync(async db =>
        {
            var ids = claimIds.ToList();
            var tag = new Tag { Name = name, NormalizedName = Tag.Normalize(name), Kind = TagKind.Free, CreatedAt = DateTime.UtcNow };
            tag.Claims.AddRange(await db.Claims.Where(c => ids.Contains(c.Id)).ToListAsync());
            db.Tags.Add(tag);
            await db.SaveChangesAsync();
            return tag;
        });
    }

    protected Task<List<int>> ClaimIdsAsync(int skip, int take) =>
        QueryAsync(db => db.Claims.OrderBy(c => c.Id).Skip(skip).Take(take).Select(c => c.Id).ToListAsync());

    protected Task<List<int>> ClaimIdsOfTagAsync(int tagId) =>
        QueryAsync(db => db.Claims.Where(c => c.Tags.Any(t => t.Id == tagId)).Select(c => c.Id).ToListAsync());

    /// <summary>Who reaches the admin screens.</summary>
    public sealed class Access(KnowledgeBaseAppFactory factory) : AdminTests(factory), IClassFixture<KnowledgeBaseAppFactory>
    {
        [Fact]
        public async Task Editors_are_refused_every_admin_page_and_every_admin_post()
        {
            var (editor, account) = await SignedInAsync("not-admin@example.org", AccountRole.Editor);
            var token = await TokenAsync(editor);
            var accountsBefore = await QueryAsync(db => db.Accounts.CountAsync());
            var tagsBefore = await QueryAsync(db => db.Tags.CountAsync());

            foreach (var url in new[] { "/admin/accounts", $"/admin/accounts/{account.Id}", "/admin/tags", "/admin/tags/2", "/admin/history" })
            {
                using var response = await editor.GetAsync(new Uri(url, UriKind.Relative));
                IsForbidden(response).Should().BeTrue($"GET {url} is for admins, but an editor got {(int)response.StatusCode}");
            }
            using (var denied = await editor.GetAsync(new Uri("/account/denied", UriKind.Relative)))
            {
                denied.StatusCode.Should().Be(HttpStatusCode.Forbidden);
            }

            (string Url, (string, string)[] Fields)[] posts =
            [
                ("/admin/accounts", [("Email", "sneaky@example.org"), ("Role", "Admin"), ("Password", NewPassword)]),
                ($"/admin/accounts/{account.Id}/role", [("Role", "Admin")]),
                ($"/admin/accounts/{account.Id}/disable", []),
                ($"/admin/accounts/{account.Id}/enable", []),
                ($"/admin/accounts/{account.Id}/password", [("NewPassword", NewPassword), ("ConfirmPassword", NewPassword)]),
                ("/admin/tags", [("Name", "sneaky category")]),
                ("/admin/tags/2", [("Name", "renamed by editor"), ("Kind", "Category"), ("Version", "0")]),
                ("/admin/tags/2/merge", [("IntoTagId", "3")]),
                ("/admin/tags/7/delete", []),
            ];
            foreach (var (url, fields) in posts)
            {
                using var response = await PostAsync(editor, url, token, fields);
                IsForbidden(response).Should().BeTrue($"POST {url} is for admins, but an editor got {(int)response.StatusCode}");
            }

            (await QueryAsync(db => db.Accounts.CountAsync())).Should().Be(accountsBefore);
            (await QueryAsync(db => db.Accounts.SingleAsync(a => a.Id == account.Id))).Role.Should().Be(AccountRole.Editor);
            (await QueryAsync(db => db.Tags.CountAsync())).Should().Be(tagsBefore);
            (await QueryAsync(db => db.Tags.SingleAsync(t => t.Id == 2))).Name.Should().Be("safety");
        }

        [Fact]
        public async Task Only_admins_see_the_admin_links()
        {
            var (admin, _) = await SignedInAsync("links-admin@example.org", AccountRole.Admin);
            var (editor, _) = await SignedInAsync("links-editor@example.org", AccountRole.Editor);

            var adminHome = await admin.GetPageAsync("/");
            var editorHome = await editor.GetPageAsync("/");

            adminHome.QuerySelectorAll(".site-account a").Select(a => a.GetAttribute("href"))
                .Should().Contain(["/admin/accounts", "/admin/tags", "/admin/history"]);
            editorHome.QuerySelectorAll("a[href^='/admin']").Should().BeEmpty();
        }
    }

    /// <summary>Creating accounts, and what an admin may not do to their own.</summary>
    public sealed class Accounts(KnowledgeBaseAppFactory factory) : AdminTests(factory), IClassFixture<KnowledgeBaseAppFactory>
    {
        [Fact]
        public async Task An_admin_creates_an_editor_who_can_then_sign_in()
        {
            var (admin, _) = await SignedInAsync("creator@example.org", AccountRole.Admin);
            var page = await admin.GetPageAsync("/admin/accounts");

            using var response = await PostAsync(admin, "/admin/accounts", page.AntiforgeryToken(),
                ("Email", "new.editor@example.org"), ("DisplayName", "New Editor"), ("Role", "Editor"), ("Password", NewPassword));

            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            var list = await admin.GetPageAsync(response.Headers.Location!.OriginalString);
            Text(list.QuerySelector("[role=status]")).Should().Contain("Created an editor account for new.editor@example.org.");
            list.QuerySelectorAll("table tbody td[data-label=E-mail]").Select(Text).Should().Contain("new.editor@example.org");
            list.Body!.InnerHtml.Should().NotContain(NewPassword, "a password is never shown");

            using var newcomer = Factory.CreateBrowser();
            await newcomer.SignInAsync("new.editor@example.org", NewPassword);
            var claims = await newcomer.GetPageAsync("/claims");
            Text(claims.QuerySelector(".site-account__who")).Should().Be("New Editor");
            claims.QuerySelector("form[action='/claims/bulk-tag']").Should().NotBeNull("the new account is an editor");
            (await QueryAsync(db => db.Accounts.SingleAsync(a => a.Email == "new.editor@example.org"))).Role.Should().Be(AccountRole.Editor);
        }

        [Fact]
        public async Task A_short_password_or_a_taken_email_is_refused_with_a_message()
        {
            var (admin, _) = await SignedInAsync("strict@example.org", AccountRole.Admin);
            var token = await TokenAsync(admin);

            using var shortPassword = await PostAsync(admin, "/admin/accounts", token,
                ("Email", "short@example.org"), ("Role", "Editor"), ("Password", "too short"));
            using var taken = await PostAsync(admin, "/admin/accounts", token,
                ("Email", "STRICT@example.org"), ("Role", "Editor"), ("Password", NewPassword));

            shortPassword.StatusCode.Should().Be(HttpStatusCode.OK);
            Text((await WebTestExtensions.ParseAsync(shortPassword)).QuerySelector("[data-valmsg-for=Password]")).Should().Be("The password must have at least 12 characters.");
            Text((await WebTestExtensions.ParseAsync(taken)).QuerySelector("[data-valmsg-for=Email]")).Should().Be("There is already an account for STRICT@example.org.");
            (await QueryAsync(db => db.Accounts.AnyAsync(a => a.Email == "short@example.org"))).Should().BeFalse();
        }

        [Fact]
        public async Task An_admin_cannot_disable_or_demote_themself()
        {
            var (admin, me) = await SignedInAsync("self@example.org", AccountRole.Admin);
            var token = await TokenAsync(admin);

            using var disable = await PostAsync(admin, $"/admin/accounts/{me.Id}/disable", token);
            using var demote = await PostAsync(admin, $"/admin/accounts/{me.Id}/role", token, ("Role", "Editor"));

            disable.StatusCode.Should().Be(HttpStatusCode.OK);
            Text((await WebTestExtensions.ParseAsync(disable)).QuerySelector(".form-errors")).Should().Contain("You cannot disable your own account");
            Text((await WebTestExtensions.ParseAsync(demote)).QuerySelector(".form-errors")).Should().Contain("You cannot change your own role");
            var stored = await QueryAsync(db => db.Accounts.SingleAsync(a => a.Id == me.Id));
            stored.IsDisabled.Should().BeFalse();
            stored.Role.Should().Be(AccountRole.Admin);
            stored.SecurityStamp.Should().Be(me.SecurityStamp, "nothing changed, so the session goes on");
            (await admin.GetAsync(new Uri("/admin/accounts", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    /// <summary>Account changes end the account's existing sessions.</summary>
    public sealed class Sessions(KnowledgeBaseAppFactory factory) : AdminTests(factory), IClassFixture<KnowledgeBaseAppFactory>
    {
        [Fact]
        public async Task Disabling_an_account_ends_its_existing_session()
        {
            var (admin, _) = await SignedInAsync("disabler@example.org", AccountRole.Admin);
            var (editor, account) = await SignedInAsync("to-disable@example.org", AccountRole.Editor);
            (await IsAnonymousAsync(editor)).Should().BeFalse("the editor is signed in");
            var editorToken = await TokenAsync(editor);

            using var response = await PostAsync(admin, $"/admin/accounts/{account.Id}/disable", await TokenAsync(admin));

            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            (await QueryAsync(db => db.Accounts.SingleAsync(a => a.Id == account.Id))).IsDisabled.Should().BeTrue();
            (await IsAnonymousAsync(editor)).Should().BeTrue("the disabled account's session ends at its next request");
            using var attempt = await PostAsync(editor, "/claims/bulk-tag", editorToken, ("ClaimIds", "1"), ("Name", "after disable"));
            attempt.StatusCode.Should().Be(HttpStatusCode.Redirect);
            attempt.Headers.Location!.OriginalString.Should().Contain("/account/login");
            (await QueryAsync(db => db.Tags.AnyAsync(t => t.NormalizedName == "AFTER DISABLE"))).Should().BeFalse();
            using var again = Factory.CreateBrowser();
            var login = await again.GetPageAsync("/account/login");
            using var refused = await PostAsync(again, "/account/login", login.AntiforgeryToken(), ("Email", "to-disable@example.org"), ("Password", WebTestExtensions.Password));
            refused.StatusCode.Should().Be(HttpStatusCode.OK, "a disabled account cannot sign in");
        }

        [Fact]
        public async Task Setting_a_new_password_ends_the_accounts_sessions_and_only_the_new_password_works()
        {
            var (admin, _) = await SignedInAsync("resetter@example.org", AccountRole.Admin);
            var (editor, account) = await SignedInAsync("forgetful@example.org", AccountRole.Editor);

            using var response = await PostAsync(admin, $"/admin/accounts/{account.Id}/password", await TokenAsync(admin),
                ("NewPassword", NewPassword), ("ConfirmPassword", NewPassword));

            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            (await IsAnonymousAsync(editor)).Should().BeTrue();
            await editor.SignInAsync("forgetful@example.org", NewPassword);
            (await IsAnonymousAsync(editor)).Should().BeFalse();
        }
    }

    /// <summary>The tag vocabulary: create, rename, merge, delete.</summary>
    public sealed class Vocabulary(KnowledgeBaseAppFactory factory) : AdminTests(factory), IClassFixture<KnowledgeBaseAppFactory>
    {
        [Fact]
        public async Task Renaming_a_tag_keeps_its_claims()
        {
            var (admin, _) = await SignedInAsync("renamer@example.org", AccountRole.Admin);
            var claimIds = await ClaimIdsAsync(skip: 50, take: 2);
            var tag = await TagWithClaimsAsync("rename me", claimIds);
            var page = await admin.GetPageAsync($"/admin/tags/{tag.Id}");
            var version = page.QuerySelector($"form[action='/admin/tags/{tag.Id}'] input[name=Version]")!.GetAttribute("value")!;

            using var response = await PostAsync(admin, $"/admin/tags/{tag.Id}", page.AntiforgeryToken(),
                ("Name", "Renamed  tag"), ("Kind", "Category"), ("Description", "Checked by the lead."), ("Version", version));

            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            var stored = await QueryAsync(db => db.Tags.SingleAsync(t => t.Id == tag.Id));
            stored.Name.Should().Be("Renamed tag");
            stored.Kind.Should().Be(TagKind.Category, "the kind changes with the same form");
            (await ClaimIdsOfTagAsync(tag.Id)).Should().BeEquivalentTo(claimIds);
            var list = await admin.GetPageAsync("/claims?tag=renamed%20tag");
            list.QuerySelectorAll("table tbody tr").Should().HaveCount(2);
        }

        [Fact]
        public async Task Renaming_onto_an_existing_name_is_refused_and_suggests_merging()
        {
            var (admin, _) = await SignedInAsync("clash@example.org", AccountRole.Admin);
            var tag = await TagWithClaimsAsync("clashing", await ClaimIdsAsync(skip: 60, take: 1));
            var token = await TokenAsync(admin);

            using var response = await PostAsync(admin, $"/admin/tags/{tag.Id}", token,
                ("Name", "SAFETY"), ("Kind", "Free"), ("Version", Str(tag.Version)));

            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var page = await WebTestExtensions.ParseAsync(response);
            var message = Text(page.QuerySelector("[data-valmsg-for=Name]"));
            message.Should().Contain("There is already a tag “safety”").And.Contain("merge “clashing” into “safety”");
            (await QueryAsync(db => db.Tags.SingleAsync(t => t.Id == tag.Id))).Name.Should().Be("clashing");
        }

        [Fact]
        public async Task A_rename_based_on_a_stale_version_is_refused()
        {
            var (admin, _) = await SignedInAsync("stale@example.org", AccountRole.Admin);
            var tag = await TagWithClaimsAsync("stale one", []);
            var page = await admin.GetPageAsync($"/admin/tags/{tag.Id}");
            await QueryAsync(async db =>
            {
                var other = await db.Tags.SingleAsync(t => t.Id == tag.Id);
                other.Name = "changed meanwhile";
                other.NormalizedName = Tag.Normalize(other.Name);
                return await db.SaveChangesAsync();
            });

            using var response = await PostAsync(admin, $"/admin/tags/{tag.Id}", page.AntiforgeryToken(),
                ("Name", "my rename"), ("Kind", "Free"), ("Version", Str(tag.Version)));

            response.StatusCode.Should().Be(HttpStatusCode.OK);
            Text((await WebTestExtensions.ParseAsync(response)).QuerySelector("[role=alert]")).Should().Contain("Someone saved this tag after you opened it: it is now “changed meanwhile”");
            (await QueryAsync(db => db.Tags.SingleAsync(t => t.Id == tag.Id))).Name.Should().Be("changed meanwhile");
        }

        [Fact]
        public async Task Merging_a_tag_into_another_moves_its_claims_and_removes_it()
        {
            var (admin, _) = await SignedInAsync("merger@example.org", AccountRole.Admin);
            var ids = await ClaimIdsAsync(skip: 70, take: 3);
            var from = await TagWithClaimsAsync("merge from", ids[..2]);
            var into = await TagWithClaimsAsync("merge into", ids[1..]);
            var page = await admin.GetPageAsync($"/admin/tags/{from.Id}");
            page.QuerySelectorAll("select[name=IntoTagId] option").Select(o => o.GetAttribute("value")).Should().Contain(Str(into.Id));

            using var response = await PostAsync(admin, $"/admin/tags/{from.Id}/merge", page.AntiforgeryToken(), ("IntoTagId", Str(into.Id)));

            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            (await QueryAsync(db => db.Tags.AnyAsync(t => t.Id == from.Id))).Should().BeFalse("the merged tag is deleted");
            (await ClaimIdsOfTagAsync(into.Id)).Should().BeEquivalentTo(ids, "every claim of the merged tag now has the target tag");
            var history = await QueryAsync(db => db.ChangeRecords.Where(r => r.ClaimId == ids[0] && r.Actor == "merger@example.org").Select(r => r.Action).ToListAsync());
            history.Should().BeEquivalentTo(["tag added", "tag removed"]);
        }

        [Fact]
        public async Task Only_an_unused_tag_can_be_deleted()
        {
            var (admin, _) = await SignedInAsync("deleter@example.org", AccountRole.Admin);
            var used = await TagWithClaimsAsync("still used", await ClaimIdsAsync(skip: 80, take: 1));
            var unused = await TagWithClaimsAsync("never used", []);
            var token = await TokenAsync(admin);

            using var refused = await PostAsync(admin, $"/admin/tags/{used.Id}/delete", token);
            using var deleted = await PostAsync(admin, $"/admin/tags/{unused.Id}/delete", token);

            Text((await WebTestExtensions.ParseAsync(refused)).QuerySelector("[role=alert]")).Should().Contain("“still used” is still on a claim");
            (await QueryAsync(db => db.Tags.AnyAsync(t => t.Id == used.Id))).Should().BeTrue();
            deleted.StatusCode.Should().Be(HttpStatusCode.Redirect);
            (await QueryAsync(db => db.Tags.AnyAsync(t => t.Id == unused.Id))).Should().BeFalse();
        }

        [Fact]
        public async Task A_tag_page_speaks_of_one_claim_in_the_singular()
        {
            var (admin, _) = await SignedInAsync("counter@example.org", AccountRole.Admin);
            var tag = await TagWithClaimsAsync("single use", await ClaimIdsAsync(skip: 81, take: 1));

            var page = await admin.GetPageAsync($"/admin/tags/{tag.Id}");

            Text(page.QuerySelector("main")).Should().Contain("1 claim carries this tag.").And.NotContain("carry this tag");
        }

        [Fact]
        public async Task An_admin_creates_a_category_and_a_duplicate_name_is_refused()
        {
            var (admin, _) = await SignedInAsync("categories@example.org", AccountRole.Admin);
            var token = await TokenAsync(admin);

            using var created = await PostAsync(admin, "/admin/tags", token, ("Name", "dosage"), ("Description", "Doses and schedules."));
            using var duplicate = await PostAsync(admin, "/admin/tags", token, ("Name", "Dosage"));

            created.StatusCode.Should().Be(HttpStatusCode.Redirect);
            var tag = await QueryAsync(db => db.Tags.SingleAsync(t => t.NormalizedName == "DOSAGE"));
            tag.Kind.Should().Be(TagKind.Category);
            Text((await WebTestExtensions.ParseAsync(duplicate)).QuerySelector("[data-valmsg-for=Name]")).Should().Be("The category “dosage” already exists (tag names ignore case).");
            var list = await admin.GetPageAsync("/admin/tags");
            var row = list.QuerySelectorAll("table tbody tr").Single(r => Text(r.QuerySelector("td[data-label=Tag]")) == "dosage");
            Text(row.QuerySelector("td[data-label=Kind]")).Should().Be("category");
            Text(row.QuerySelector("td[data-label=Claims]")).Should().Be("0");
        }
    }

    /// <summary>The history of changes across the knowledge base.</summary>
    public sealed class History(KnowledgeBaseAppFactory factory) : AdminTests(factory), IClassFixture<KnowledgeBaseAppFactory>
    {
        [Fact]
        public async Task History_filtered_by_actor_shows_only_that_actors_changes()
        {
            var (admin, _) = await SignedInAsync("historian@example.org", AccountRole.Admin);
            var (ann, _) = await SignedInAsync("ann@example.org", AccountRole.Editor);
            var (bob, _) = await SignedInAsync("bob@example.org", AccountRole.Editor);
            var ids = await ClaimIdsAsync(skip: 90, take: 2);
            (await PostAsync(ann, $"/claims/{ids[0]}/tags", await TokenAsync(ann), ("Name", "efficacy"))).Dispose();
            (await PostAsync(bob, $"/claims/{ids[1]}/tags", await TokenAsync(bob), ("Name", "bob's tag"))).Dispose();

            var all = await admin.GetPageAsync("/admin/history");
            all.QuerySelectorAll("select[name=actor] option").Select(o => o.GetAttribute("value")).Should().Contain(["ann@example.org", "bob@example.org"]);

            var page = await admin.GetPageAsync("/admin/history?actor=ann%40example.org");

            var rows = page.QuerySelectorAll("table tbody tr");
            rows.Should().ContainSingle("ann made one change");
            Text(rows[0].QuerySelector("td[data-label=Who]")).Should().Be("ann@example.org");
            Text(rows[0].QuerySelector("td[data-label=What]")).Should().Contain("tag added");
            rows[0].QuerySelector("td[data-label=What] a")!.GetAttribute("href").Should().Be($"/claims/{ids[0]}");
            Text(rows[0].QuerySelector("td[data-label=Changes]")).Should().Contain("efficacy");

            var bobsTags = await admin.GetPageAsync("/admin/history?actor=bob%40example.org&type=tag");
            var tagRows = bobsTags.QuerySelectorAll("table tbody tr");
            tagRows.Should().ContainSingle("bob created one free tag").Which.QuerySelector("td[data-label=What] a")!.GetAttribute("href").Should().StartWith("/admin/tags/");
        }
    }
}
