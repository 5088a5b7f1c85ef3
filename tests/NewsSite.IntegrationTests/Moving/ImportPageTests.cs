using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Infrastructure.Auditing;

namespace NewsSite.IntegrationTests.Moving;

/// <summary>The administrators' import page, with a small export made for the purpose (nested categories, an unknown shortcode).</summary>
public sealed class ImportPageTests(NewsroomFactory site) : IClassFixture<NewsroomFactory>
{
    private const string Export = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
        <channel>
        <title>Old Gazette</title>
        <wp:wxr_version>1.2</wp:wxr_version>
        <wp:author><wp:author_login>jdoe</wp:author_login><wp:author_display_name><![CDATA[Jo Doe]]></wp:author_display_name></wp:author>
        <wp:category><wp:category_nicename>world</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[World]]></wp:cat_name></wp:category>
        <wp:category><wp:category_nicename>europe</wp:category_nicename><wp:category_parent>world</wp:category_parent><wp:cat_name><![CDATA[Europe]]></wp:cat_name></wp:category>
        <wp:category><wp:category_nicename>france</wp:category_nicename><wp:category_parent>europe</wp:category_parent><wp:cat_name><![CDATA[France]]></wp:cat_name></wp:category>
        <item>
          <title>Paris votes on its river baths</title>
          <link>https://old.example/2024/05/02/paris-river-baths/</link>
          <dc:creator><![CDATA[jdoe]]></dc:creator>
          <content:encoded><![CDATA[The city council met on Tuesday.
        Voting went late.

            <p>An indented paragraph stays a paragraph.</p>

        [pullquote-box style="wide"]We will swim.[/pullquote-box]

        <script>alert(1)</script><img src="x" onerror="alert(2)">]]></content:encoded>
          <excerpt:encoded><![CDATA[]]></excerpt:encoded>
          <wp:post_id>41</wp:post_id>
          <wp:post_date_gmt>2024-05-02 08:30:00</wp:post_date_gmt>
          <wp:post_name>paris-river-baths</wp:post_name>
          <wp:status>publish</wp:status>
          <wp:post_type>post</wp:post_type>
          <category domain="category" nicename="france"><![CDATA[France]]></category>
        </item>
        <item>
          <title>Thoughts in review</title>
          <dc:creator><![CDATA[jdoe]]></dc:creator>
          <content:encoded><![CDATA[Not yet.]]></content:encoded>
          <wp:post_id>42</wp:post_id>
          <wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt>
          <wp:post_name></wp:post_name>
          <wp:status>pending</wp:status>
          <wp:post_type>post</wp:post_type>
          <category domain="category" nicename="europe"><![CDATA[Europe]]></category>
        </item>
        <item>
          <title>Binned</title>
          <wp:post_id>43</wp:post_id>
          <wp:status>trash</wp:status>
          <wp:post_type>post</wp:post_type>
        </item>
        </channel>
        </rss>
        """;

    private static async Task<HttpResponseMessage> UploadAsync(StaffClient admin, string xml)
    {
        var token = await admin.TokenAsync("/admin/imports");
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(xml)), "export", "gazette.xml" },
        };
        return await admin.Http.PostAsync("/admin/imports/wordpress", form);
    }

    [Fact]
    public async Task Administrator_UploadsAnExport_SeesTheReport_NestedCategoriesFlattened()
    {
        var admin = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);

        var response = await UploadAsync(admin, Export);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".import-report")!.TextContent;
        Assert.Contains("“Paris votes on its river baths”", report);
        Assert.Contains("its status is trash", report);
        Assert.Contains("[pullquote-box]", report);

        // France (World › Europe › France): the section is the top-level category, France a tag.
        var story = await site.WithDbAsync((db, _) => db.Articles.AsNoTracking().Include(a => a.Section).Include(a => a.Tags).ThenInclude(t => t.Tag).Include(a => a.Authors).ThenInclude(a => a.Author)
            .SingleAsync(a => a.Slug == "paris-river-baths"));
        Assert.Equal("World", story.Section.Name);
        Assert.Equal(["France"], story.Tags.Select(t => t.Tag.Name));
        Assert.Equal(["Jo Doe"], story.Authors.Select(a => a.Author.Name));
        var page = Html.Parse(await site.CreateBrowserlessClient().GetStringAsync("/world/paris-river-baths"));
        var body = page.QuerySelector("main")!;
        // wpautop: a line break inside the first paragraph; indented HTML is a paragraph, not a code block.
        Assert.Contains(body.QuerySelectorAll("p"), p => p.InnerHtml.Contains("The city council met on Tuesday.<br>") && p.TextContent.Contains("Voting went late."));
        Assert.Contains(body.QuerySelectorAll("p"), p => p.TextContent == "An indented paragraph stays a paragraph.");
        Assert.Empty(body.QuerySelectorAll("pre, code"));
        // The unknown shortcode is shown as typed; nothing from the export runs.
        Assert.Contains("[pullquote-box style=\"wide\"]We will swim.[/pullquote-box]", body.TextContent);
        Assert.Empty(page.QuerySelectorAll("main script, main [onerror]"));

        // By its WordPress id: the class's other upload brings the same titles under other ids, in whichever order the tests run.
        var pendingId = await site.WithDbAsync((db, _) => db.ImportedItems.AsNoTracking()
            .Where(i => i.Source == "wordpress" && i.Kind == "post" && i.ExternalId == "42").Select(i => i.LocalId).SingleAsync());
        var pending = await site.WithDbAsync((db, _) => db.Articles.AsNoTracking().Include(a => a.Section).SingleAsync(a => a.Id == pendingId));
        Assert.Equal("Thoughts in review", pending.Title);
        Assert.Equal(ArticleStatus.Draft, pending.Status);
        Assert.NotNull(pending.ReviewRequestedAt);
        Assert.Equal("World", pending.Section.Name);
        // This test's import is the latest (the class's tests run one after another).
        var audit = await site.WithDbAsync((db, _) => db.AuditLog.AsNoTracking().Where(a => a.Action == AuditActions.ImportedFromWordPress).OrderByDescending(a => a.Id).FirstAsync());
        // Audited under the signed-in administrator.
        Assert.NotNull(audit.UserId);
        Assert.Contains("@", audit.UserName);

        var old = await site.CreateBrowserlessClient().GetAsync("/2024/05/02/paris-river-baths/");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal("/world/paris-river-baths", old.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task UploadsZip_ImagesFoundInItBecomeLibraryImages_PathsOutsideItAreIgnored()
    {
        var admin = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);
        var folder = Path.Combine(Path.GetTempPath(), "newssite-tests", $"zip-{Guid.NewGuid():n}");
        SharedData.WriteJpeg(Path.Combine(folder, "harbour.jpg"), 200, 100);
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            archive.CreateEntryFromFile(Path.Combine(folder, "harbour.jpg"), "wp-content/uploads/2024/06/harbour.jpg");
            archive.CreateEntryFromFile(Path.Combine(folder, "harbour.jpg"), "../../escape.jpg");
        }
        Directory.Delete(folder, recursive: true);
        var export = Export.Replace("<wp:post_id>41</wp:post_id>", "<wp:post_id>51</wp:post_id>").Replace("paris-river-baths", "harbour-reopens")
            .Replace("The city council met on Tuesday.", "<img src=\"https://old.example/wp-content/uploads/2024/06/harbour-300x150.jpg\" alt=\"The harbour\"> The city council met on Tuesday.")
            .Replace("<wp:post_id>42</wp:post_id>", "<wp:post_id>52</wp:post_id>").Replace("<wp:post_id>43</wp:post_id>", "<wp:post_id>53</wp:post_id>");
        var token = await admin.TokenAsync("/admin/imports");
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(export)), "export", "gazette.xml" },
            { new ByteArrayContent(zip.ToArray()), "uploads", "uploads.zip" },
        };

        var response = await admin.Http.PostAsync("/admin/imports/wordpress", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The resized copy's original was in the archive: the library has the original (and makes its own sizes).
        var media = await site.WithDbAsync((db, _) => db.Media.AsNoTracking().SingleAsync(m => m.OriginalFileName == "harbour.jpg"));
        var story = await site.WithDbAsync((db, _) => db.Articles.AsNoTracking().SingleAsync(a => a.Slug == "harbour-reopens"));
        Assert.Contains($"](media:{media.Id})", story.BodyMarkdown);
        Assert.Contains("src=\"/media/", story.BodyHtml);
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "escape.jpg")) || File.Exists("/escape.jpg"));
    }

    [Fact]
    public async Task NotAnExport_IsRefusedWithAMessage_AndNothingIsWritten()
    {
        var admin = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);
        var before = await site.WithDbAsync((db, _) => db.Articles.CountAsync());

        var response = await UploadAsync(admin, "<html><body>not an export</body></html>");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a WordPress export", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await site.WithDbAsync((db, _) => db.Articles.CountAsync()));
    }

    [Fact]
    public async Task UploadWithoutAToken_IsRefused()
    {
        var admin = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(Export.Replace("paris-river-baths", "no-token-baths"))), "export", "gazette.xml" } };

        var response = await admin.Http.PostAsync("/admin/imports/wordpress", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await site.WithDbAsync((db, _) => db.Articles.AnyAsync(a => a.Slug == "no-token-baths")));
    }
}
