using Microsoft.Extensions.DependencyInjection;
using NewsSite.TestSupport;
using NewsSite.Web.Infrastructure.Database;

namespace NewsSite.IntegrationTests.ReaderSite;

/// <summary>
/// The search seam itself, below the reader's page (which strips operators before they get here), so that each
/// engine's implementation keeps one contract: raw input never errors, and ranking and counting look only at the
/// latest window of matches.
/// </summary>
public sealed class FullTextSearchTests(NewsSiteFactory site) : IClassFixture<NewsSiteFactory>
{
    [Theory]
    [InlineData("\"")]
    [InlineData("\"unbalanced")]
    [InlineData("a\"b")]
    [InlineData("((harbour")]
    [InlineData(")")]
    [InlineData("OR")]
    [InlineData("-harbour")]
    [InlineData("harbour & !tunnel | <->")]
    [InlineData("NEAR(harbour")]
    [InlineData("title:harbour")]
    [InlineData("*")]
    [InlineData("'; DROP TABLE Articles; --")]
    [InlineData("🦘📰")]
    [InlineData("café naïve Zürich")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task RawTerms_NeverFail(string term)
    {
        var (ids, total) = await SearchAsync([term, "harbour"], window: 1000, skip: 0, take: 10);
        await WithSearchAsync(search => search.SnippetsAsync([term, "harbour"], ids, CancellationToken.None));

        Assert.True(total >= ids.Count);
    }

    [Fact]
    public async Task Accents_AreFolded_BothWays()
    {
        var word = UniqueWord();
        var article = await new ArticleBuilder().WithBody($"The {word} café in Zürich reopened.").SaveAsync(site);

        var (ids, _) = await SearchAsync([word, "cafe", "zurich"], window: 1000, skip: 0, take: 10);

        Assert.Equal([article.Id], ids);
    }

    [Fact]
    public async Task RanksAndCounts_OnlyTheLatestWindowOfMatches_LeavingOutStoriesNotYetPublic()
    {
        var word = UniqueWord();
        var now = DateTime.UtcNow;
        var oldest = await new ArticleBuilder().WithBody($"{word} one").PublishedAt(now.AddHours(-4)).SaveAsync(site);
        var older = await new ArticleBuilder().WithBody($"{word} two").PublishedAt(now.AddHours(-3)).SaveAsync(site);
        var titled = await new ArticleBuilder().Titled($"{word} in the headline {Guid.NewGuid():n}").PublishedAt(now.AddHours(-2)).SaveAsync(site);
        var recent = await new ArticleBuilder().WithBody($"{word} four").PublishedAt(now.AddHours(-1)).SaveAsync(site);
        await new ArticleBuilder().WithBody($"{word} five, not out yet").ScheduledFor(now.AddDays(1)).SaveAsync(site);

        // The window holds the three latest matches: the scheduled story (not shown, not counted), recent and titled.
        var (ids, total) = await SearchAsync([word], window: 3, skip: 0, take: 10);
        var (secondPage, secondTotal) = await SearchAsync([word], window: 3, skip: 1, take: 1);
        var (all, allTotal) = await SearchAsync([word], window: 1000, skip: 0, take: 10);

        Assert.Equal([titled.Id, recent.Id], ids);
        Assert.Equal(2, total);
        Assert.Equal([recent.Id], secondPage);
        Assert.Equal(2, secondTotal);
        Assert.Equal([titled.Id, recent.Id, older.Id, oldest.Id], all);
        Assert.Equal(4, allTotal);
    }

    [Fact]
    public async Task Words_FindOtherFormsOfThemselves()
    {
        var word = UniqueWord();
        var article = await new ArticleBuilder().WithBody($"The {word} tunnels were reopening after the floods.").SaveAsync(site);

        var (ids, _) = await SearchAsync([word, "tunnel", "reopened", "flood"], window: 1000, skip: 0, take: 10);
        var snippets = await WithSearchAsync(search => search.SnippetsAsync([word, "tunnel"], [article.Id], CancellationToken.None));

        Assert.Equal([article.Id], ids);
        Assert.Contains($"{IFullTextSearch.MatchStart}tunnels{IFullTextSearch.MatchEnd}", snippets[article.Id]);
    }

    [Fact]
    public async Task NewestFirst_OrdersByDate_WhereBestFirstPutsTheHeadlineMatchFirst()
    {
        var word = UniqueWord();
        var now = DateTime.UtcNow;
        var headline = await new ArticleBuilder().Titled($"{word} in the headline {Guid.NewGuid():n}").PublishedAt(now.AddHours(-5)).SaveAsync(site);
        var newer = await new ArticleBuilder().WithBody($"A mention of {word} in passing.").PublishedAt(now.AddHours(-1)).SaveAsync(site);

        var (best, _) = await SearchAsync([word], window: 1000, skip: 0, take: 10);
        var (newest, total) = await SearchAsync([word], window: 1000, skip: 0, take: 10, newestFirst: true);

        Assert.Equal([headline.Id, newer.Id], best);
        Assert.Equal([newer.Id, headline.Id], newest);
        Assert.Equal(2, total);
    }

    [Fact]
    public async Task BestFirst_IsTheHeadline_ThenTheStandfirst_ThenTheRest_NewestFirstWithinEach()
    {
        var word = UniqueWord();
        var now = DateTime.UtcNow;
        var both = await new ArticleBuilder().Titled($"{word} heads the page {Guid.NewGuid():n}").WithStandfirst($"And {word} in the standfirst.")
            .PublishedAt(now.AddHours(-6)).SaveAsync(site);
        var headline = await new ArticleBuilder().Titled($"{word} in the headline {Guid.NewGuid():n}").PublishedAt(now.AddHours(-5)).SaveAsync(site);
        var standfirst = await new ArticleBuilder().WithStandfirst($"A standfirst about {word}.").PublishedAt(now.AddHours(-4)).SaveAsync(site);
        var olderBody = await new ArticleBuilder().WithBody($"A mention of {word} in passing.").PublishedAt(now.AddHours(-2)).SaveAsync(site);
        var newerBody = await new ArticleBuilder().WithBody($"A mention of {word} in passing.").PublishedAt(now.AddHours(-1)).SaveAsync(site);

        var (best, total) = await SearchAsync([word], window: 1000, skip: 0, take: 10);

        Assert.Equal([both.Id, headline.Id, standfirst.Id, newerBody.Id, olderBody.Id], best);
        Assert.Equal(5, total);
    }

    [Fact]
    public async Task Snippets_AreMadeForTheGivenHitsOnly_WithTheMatchMarked()
    {
        var word = UniqueWord();
        var shown = await new ArticleBuilder().WithBody($"Before the {word} after.").SaveAsync(site);
        var other = await new ArticleBuilder().WithBody($"Another {word} story.").SaveAsync(site);

        var snippets = await WithSearchAsync(search => search.SnippetsAsync([word], [shown.Id], CancellationToken.None));

        var snippet = Assert.Single(snippets);
        Assert.Equal(shown.Id, snippet.Key);
        Assert.Contains($"{IFullTextSearch.MatchStart}{word}{IFullTextSearch.MatchEnd}", snippet.Value);
        Assert.DoesNotContain(other.Id, snippets.Keys);
    }

    private Task<(IReadOnlyList<int> Ids, int Total)> SearchAsync(IReadOnlyList<string> terms, int window, int skip, int take, bool newestFirst = false) =>
        WithSearchAsync(search => search.RankAsync(terms, window, skip, take, DateTime.UtcNow, newestFirst, CancellationToken.None));

    private async Task<T> WithSearchAsync<T>(Func<IFullTextSearch, Task<T>> action)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IFullTextSearch>());
    }

    // Letters only, so every engine's tokenizer keeps it as one word.
    private static string UniqueWord() => "zq" + string.Concat(Guid.NewGuid().ToString("n").Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));
}
