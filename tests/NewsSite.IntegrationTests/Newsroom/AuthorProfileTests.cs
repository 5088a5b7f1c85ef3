using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Infrastructure.Auditing;

namespace NewsSite.IntegrationTests.Newsroom;

/// <summary>Author profiles: edited by their author or an editor, shown on the author page, the byline, JSON-LD and social cards.</summary>
[Collection(NewsroomCollection.Name)]
public sealed class AuthorProfileTests(NewsroomFactory site)
{
    private static Dictionary<string, string> Profile(string name, string? links = null, string? handle = null, string? bio = null, int? photo = null) => new()
    {
        ["Name"] = name,
        ["JobTitle"] = "Transport correspondent",
        ["Bio"] = bio ?? $"{name} covers buses, trains and ferries.",
        ["Expertise"] = "Transport, city hall",
        ["ContactEmail"] = "transport@herald.example",
        ["ProfileLinks"] = links ?? "https://social.example/@transport\nhttps://blog.example/me",
        ["XHandle"] = handle ?? "",
        ["PhotoMediaId"] = photo?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private static IEnumerable<JsonElement> JsonLd(string html) =>
        Html.Parse(html).QuerySelectorAll("script[type='application/ld+json']").Select(s => JsonDocument.Parse(s.TextContent).RootElement);

    private async Task<Author> AuthorOfAsync(string email) =>
        await site.WithDbAsync((db, _) => db.Users.Where(u => u.Email == email).Select(u => u.Author!).AsNoTracking().SingleAsync());

    private async Task<int> LibraryPortraitAsync() =>
        await site.WithDbAsync(async (db, _) =>
        {
            var item = new MediaItem
            {
                OriginalFileName = "portrait.jpg", StoragePath = $"2026/11/portrait-{Guid.NewGuid():n}.jpg", ContentType = "image/jpeg",
                Width = 800, Height = 800, Bytes = 1000, AltText = "A portrait", VariantWidths = "480", UploadedAt = DateTime.UtcNow,
            };
            db.Media.Add(item);
            await db.SaveChangesAsync();
            return item.Id;
        });

    [Fact]
    public async Task Writer_EditsOwnProfile_AndTheAuthorPageShowsIt_WithProfilePageJsonLd()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        var writer = StaffClient.Anonymous(site);
        await writer.SignInAsync(email, StaffClient.Password);
        var name = $"Rosa Transport {Guid.NewGuid():n}"[..24];
        var photo = await LibraryPortraitAsync();

        var saved = await writer.PostFormAsync("/admin/profile", Profile(name, handle: "@rosa_t", photo: photo), tokenFrom: "/admin/profile");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var author = await AuthorOfAsync(email);
        Assert.Equal("rosa_t", author.XHandle);
        Assert.Equal(photo, author.PhotoMediaId);
        Assert.EndsWith("-480.jpg", author.PhotoUrl);
        var page = await site.CreateBrowserlessClient().GetStringAsync($"/author/{author.Slug}");
        var doc = Html.Parse(page);
        Assert.Equal(name, doc.QuerySelector(".author-profile h1")!.TextContent);
        Assert.Equal("Transport correspondent", doc.QuerySelector(".author-job")!.TextContent);
        Assert.Contains("Transport, city hall", doc.QuerySelector(".author-expertise")!.TextContent);
        Assert.NotNull(doc.QuerySelector(".author-links a[href='mailto:transport@herald.example']"));
        Assert.NotNull(doc.QuerySelector(".author-links a[href='https://blog.example/me']"));
        Assert.NotNull(doc.QuerySelector(".author-links a[href='https://x.com/rosa_t']"));
        Assert.Contains("-480.jpg 480w", doc.QuerySelector("img.author-photo")!.GetAttribute("srcset"));

        var profile = JsonLd(page).Single(j => j.GetProperty("@type").GetString() == "ProfilePage");
        var person = profile.GetProperty("mainEntity");
        Assert.Equal("Person", person.GetProperty("@type").GetString());
        Assert.Equal(name, person.GetProperty("name").GetString());
        Assert.Equal("Transport correspondent", person.GetProperty("jobTitle").GetString());
        Assert.EndsWith("-480.jpg", person.GetProperty("image").GetString());
        Assert.Equal(["https://social.example/@transport", "https://blog.example/me", "https://x.com/rosa_t"],
            person.GetProperty("sameAs").EnumerateArray().Select(e => e.GetString()));
        var audited = await site.WithDbAsync((db, _) => db.AuditLog.AsNoTracking().CountAsync(a => a.Action == AuditActions.ProfileEdited && a.Target == $"author {name}"));
        Assert.Equal(1, audited);
    }

    [Fact]
    public async Task Editor_EditsSomeoneElsesProfile_ButAWriterCannot()
    {
        var story = await new ArticleBuilder().SaveAsync(site);
        var authorId = await site.WithDbAsync((db, _) => db.ArticleAuthors.Where(a => a.ArticleId == story.Id).Select(a => a.AuthorId).SingleAsync());
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);

        var byWriter = await writer.PostFormAsync($"/admin/authors/{authorId}", Profile("Hijacked"));
        var writerOpens = await writer.Http.GetAsync($"/admin/authors/{authorId}");
        var deniedPage = await writer.Http.GetAsync(byWriter.Headers.Location);

        Assert.StartsWith("https://localhost/admin/access-denied", byWriter.Headers.Location?.ToString());
        Assert.StartsWith("https://localhost/admin/access-denied", writerOpens.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, deniedPage.StatusCode);
        Assert.NotEqual("Hijacked", (await site.WithDbAsync((db, _) => db.Authors.AsNoTracking().SingleAsync(a => a.Id == authorId))).Name);

        var byEditor = await editor.PostFormAsync($"/admin/authors/{authorId}", Profile("Renamed By Editor", handle: "ed_it"), tokenFrom: $"/admin/authors/{authorId}");

        Assert.Equal(HttpStatusCode.Redirect, byEditor.StatusCode);
        var stored = await site.WithDbAsync((db, _) => db.Authors.AsNoTracking().SingleAsync(a => a.Id == authorId));
        Assert.Equal("Renamed By Editor", stored.Name);
        Assert.Equal("ed_it", stored.XHandle);
        Assert.Contains("Renamed By Editor", await editor.GetStringAsync("/admin/authors"));
    }

    [Theory]
    [InlineData("javascript:alert(1)", "", "ProfileLinks")]
    [InlineData("social.example/@me", "", "ProfileLinks")]
    [InlineData("", "far_too_long_for_x_handles", "XHandle")]
    [InlineData("", "bad-handle!", "XHandle")]
    public async Task Profile_WithABadLinkOrHandle_IsRefusedWithAMessage(string links, string handle, string field)
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);

        var response = await writer.PostFormAsync("/admin/profile", Profile("Refused Person", links: links, handle: handle), tokenFrom: "/admin/profile");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var summary = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".validation-summary-errors")!.TextContent;
        Assert.Contains(field == "XHandle" ? "X handle" : "web address", summary);
        Assert.False(await site.WithDbAsync((db, _) => db.Authors.AnyAsync(a => a.Name == "Refused Person")));
    }

    [Fact]
    public async Task HostileProfileText_IsEncoded_OnTheAuthorPage_AndInItsJsonLd()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        var writer = StaffClient.Anonymous(site);
        await writer.SignInAsync(email, StaffClient.Password);
        const string hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)> & \"quoted\"";

        await writer.PostFormAsync("/admin/profile", Profile("Hostile Hannah", bio: hostile), tokenFrom: "/admin/profile");

        var author = await AuthorOfAsync(email);
        var page = await site.CreateBrowserlessClient().GetStringAsync($"/author/{author.Slug}");
        Assert.DoesNotContain("<script>alert(1)", page);
        Assert.DoesNotContain("<img src=x", page);
        Assert.Equal(hostile, Html.Parse(page).QuerySelector(".author-profile .standfirst")!.TextContent);
        var person = JsonLd(page).Single(j => j.GetProperty("@type").GetString() == "ProfilePage").GetProperty("mainEntity");
        Assert.Equal(hostile, person.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Article_CarriesBylinePhotos_PersonJsonLd_AndTwitterCreatorSiteAndImageAlt()
    {
        var story = await new ArticleBuilder().SaveAsync(site);
        var authorId = await site.WithDbAsync((db, _) => db.ArticleAuthors.Where(a => a.ArticleId == story.Id).Select(a => a.AuthorId).SingleAsync());
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var photo = await LibraryPortraitAsync();
        await site.WithDbAsync(async db =>
        {
            var settings = await db.SiteSettings.FindAsync(SiteSettings.SingletonId) ?? db.SiteSettings.Add(new SiteSettings()).Entity;
            settings.XHandle = "herald_test";
            await db.SaveChangesAsync();
        });

        await editor.PostFormAsync($"/admin/authors/{authorId}", Profile("Byline Person", handle: "byline_p", photo: photo), tokenFrom: $"/admin/authors/{authorId}");

        var page = await site.CreateBrowserlessClient().GetStringAsync(story.UrlOf());
        var doc = Html.Parse(page);
        var img = doc.QuerySelector(".byline img.byline-photo")!;
        Assert.Equal("Byline Person", img.GetAttribute("alt"));
        Assert.Equal("lazy", img.GetAttribute("loading"));
        Assert.Equal("@byline_p", doc.QuerySelector("meta[name='twitter:creator']")!.GetAttribute("content"));
        Assert.Equal("@herald_test", doc.QuerySelector("meta[name='twitter:site']")!.GetAttribute("content"));
        Assert.Equal("A test picture", doc.QuerySelector("meta[name='twitter:image:alt']")!.GetAttribute("content"));

        var article = JsonLd(page).Single(j => j.GetProperty("@type").GetString()!.EndsWith("Article", StringComparison.Ordinal));
        var person = article.GetProperty("author").EnumerateArray().Single();
        Assert.Equal("Person", person.GetProperty("@type").GetString());
        Assert.Equal("Byline Person", person.GetProperty("name").GetString());
        Assert.Equal("Transport correspondent", person.GetProperty("jobTitle").GetString());
        Assert.StartsWith("http://news.test/media/", person.GetProperty("image").GetString());
        Assert.Contains("https://x.com/byline_p", person.GetProperty("sameAs").EnumerateArray().Select(e => e.GetString()));
        Assert.EndsWith("/author/" + (await site.WithDbAsync((db, _) => db.Authors.Where(a => a.Id == authorId).Select(a => a.Slug).SingleAsync())), person.GetProperty("url").GetString());
    }

    [Fact]
    public async Task AccountPage_LinksToTheProfile_AndANewWritersFirstSaveMakesTheirByline()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        var writer = StaffClient.Anonymous(site);
        await writer.SignInAsync(email, StaffClient.Password);

        Assert.NotNull(Html.Parse(await writer.GetStringAsync("/admin/account")).QuerySelector("a[href='/admin/profile']"));
        await writer.PostFormAsync("/admin/profile", Profile("Brand New Byline"), tokenFrom: "/admin/profile");

        var author = await AuthorOfAsync(email);
        Assert.Equal("Brand New Byline", author.Name);
        Assert.Equal(HttpStatusCode.OK, (await site.CreateBrowserlessClient().GetAsync($"/author/{author.Slug}")).StatusCode);
    }
}
