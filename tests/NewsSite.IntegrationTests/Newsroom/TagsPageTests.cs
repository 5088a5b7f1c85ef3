using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Newsroom;

/// <summary>The Tags page searches and pages; the editor's autocomplete suggests existing tags, the most used first.</summary>
[Collection(NewsroomCollection.Name)]
public sealed class TagsPageTests(NewsroomFactory site)
{
    private Task AddTagsAsync(IEnumerable<string> names) => site.WithDbAsync(async db =>
    {
        foreach (var name in names)
        {
            db.Tags.Add(new Tag { Name = name, Slug = name.ToLowerInvariant().Replace(' ', '-') });
        }
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task TagsPage_FindsTagsByPartOfTheirName_AndPagesThem()
    {
        var unique = Guid.NewGuid().ToString("n")[..10];
        await AddTagsAsync(Enumerable.Range(1, 55).Select(i => $"Zq{unique} {i:000}"));
        await AddTagsAsync([$"Other {unique}"]);
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);

        var first = await editor.GetStringAsync($"/admin/tags?q=zq{unique}");
        var second = await editor.GetStringAsync($"/admin/tags?q=zq{unique}&page=2");

        Assert.Contains($"Zq{unique} 001", first);
        Assert.Contains($"Zq{unique} 050", first);
        Assert.DoesNotContain($"Zq{unique} 051", first);
        Assert.DoesNotContain($"Other {unique}", first);
        Assert.Contains("Page 1 of 2", first);
        Assert.Contains($"href=\"/admin/tags?q=zq{unique}&amp;page=2\"", first);
        Assert.Contains($"Zq{unique} 055", second);
        Assert.DoesNotContain($"Zq{unique} 050", second);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Http.GetAsync($"/admin/tags?q=zq{unique}&page=3")).StatusCode);
    }

    [Fact]
    public async Task TagSuggestions_ReturnMatchingNames_MostUsedFirst_AtMostTen_ToAnyStaff()
    {
        var unique = Guid.NewGuid().ToString("n")[..10];
        await new ArticleBuilder().Tagged($"{unique} harbour").SaveAsync(site);
        await new ArticleBuilder().Tagged($"{unique} harbour", $"{unique} ferries").SaveAsync(site);
        await new ArticleBuilder().Tagged($"{unique} harbour", $"{unique} ferries").SaveAsync(site);
        await new ArticleBuilder().Tagged($"{unique} harbourside").SaveAsync(site);
        await AddTagsAsync(Enumerable.Range(1, 12).Select(i => $"{unique} unused {i:00}"));
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);

        var harbour = await SuggestAsync(writer, $"{unique} HARB");
        var all = await SuggestAsync(writer, unique);
        var none = await SuggestAsync(writer, "");

        Assert.Equal([$"{unique} harbour", $"{unique} harbourside"], harbour);
        Assert.Equal(10, all.Length);
        Assert.Equal([$"{unique} harbour", $"{unique} ferries", $"{unique} harbourside"], all[..3]);
        Assert.Empty(none);
    }

    private static async Task<string[]> SuggestAsync(StaffClient client, string query)
    {
        var response = await client.Http.GetAsync($"/admin/tags/suggest?q={Uri.EscapeDataString(query)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<string[]>(await response.Content.ReadAsStringAsync())!;
    }
}
