using NewsSite.Data.Entities;
using NewsSite.Web.Features.Analytics;

namespace NewsSite.UnitTests.Analytics;

public sealed class ReferrerClassifierTests
{
    private static readonly string[] OwnHosts = ["news.example", "localhost"];

    [Theory]
    [InlineData(null, null, ReferrerClass.Direct)]
    [InlineData("", null, ReferrerClass.Direct)]
    [InlineData("not a url", null, ReferrerClass.Direct)]
    [InlineData("https://news.example/politics/a-story", null, ReferrerClass.Internal)]
    [InlineData("https://www.news.example/", null, ReferrerClass.Internal)]
    [InlineData("https://www.google.com/", null, ReferrerClass.Search)]
    [InlineData("https://www.google.co.uk/", null, ReferrerClass.Search)]
    [InlineData("https://www.google.de/", null, ReferrerClass.Search)]
    [InlineData("https://www.bing.com/search?q=x", null, ReferrerClass.Search)]
    [InlineData("https://duckduckgo.com/", null, ReferrerClass.Search)]
    [InlineData("https://search.yahoo.com/", null, ReferrerClass.Search)]
    [InlineData("https://www.ecosia.org/", null, ReferrerClass.Search)]
    [InlineData("https://yandex.ru/", null, ReferrerClass.Search)]
    [InlineData("https://www.baidu.com/", null, ReferrerClass.Search)]
    [InlineData("https://www.qwant.com/", null, ReferrerClass.Search)]
    [InlineData("https://www.startpage.com/", null, ReferrerClass.Search)]
    [InlineData("https://search.brave.com/", null, ReferrerClass.Search)]
    [InlineData("https://news.google.com/", null, ReferrerClass.GoogleNews)]
    [InlineData("android-app://com.google.android.googlequicksearchbox/", null, ReferrerClass.GoogleNews)]
    [InlineData("android-app://com.google.android.googlequicksearchbox/https/www.google.com", null, ReferrerClass.GoogleNews)]
    [InlineData("https://l.facebook.com/", null, ReferrerClass.Social)]
    [InlineData("https://m.facebook.com/", null, ReferrerClass.Social)]
    [InlineData("https://t.co/abc", null, ReferrerClass.Social)]
    [InlineData("https://x.com/", null, ReferrerClass.Social)]
    [InlineData("https://twitter.com/", null, ReferrerClass.Social)]
    [InlineData("https://www.linkedin.com/", null, ReferrerClass.Social)]
    [InlineData("https://lnkd.in/x", null, ReferrerClass.Social)]
    [InlineData("https://old.reddit.com/r/news", null, ReferrerClass.Social)]
    [InlineData("https://bsky.app/profile/x", null, ReferrerClass.Social)]
    [InlineData("https://www.threads.net/", null, ReferrerClass.Social)]
    [InlineData("https://l.instagram.com/", null, ReferrerClass.Social)]
    [InlineData("https://mastodon.social/@x", null, ReferrerClass.Social)]
    [InlineData("https://web.whatsapp.com/", null, ReferrerClass.Social)]
    [InlineData("https://web.telegram.org/", null, ReferrerClass.Social)]
    [InlineData("android-app://com.twitter.android/", null, ReferrerClass.Social)]
    [InlineData("https://mail.google.com/", null, ReferrerClass.OtherSite)]
    [InlineData("https://blog.example.org/post", null, ReferrerClass.OtherSite)]
    [InlineData("https://google.example.org/", null, ReferrerClass.OtherSite)]
    [InlineData("https://notfacebook.com/", null, ReferrerClass.OtherSite)]
    [InlineData(null, "email", ReferrerClass.Newsletter)]
    [InlineData("https://mail.google.com/", "email", ReferrerClass.Newsletter)]
    [InlineData("https://news.example/", "EMAIL", ReferrerClass.Newsletter)]
    [InlineData("https://www.google.com/", "cpc", ReferrerClass.Search)]
    public void Classify_ReturnsTheClassOfTheSource(string? referrer, string? utmMedium, ReferrerClass expected) =>
        Assert.Equal(expected, ReferrerClassifier.Classify(referrer, utmMedium, OwnHosts));

    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", true)]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", true)]
    [InlineData("Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)", true)]
    [InlineData("Baiduspider+(+http://www.baidu.com/search/spider.htm)", true)]
    [InlineData("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", true)]
    [InlineData("Twitterbot/1.0", true)]
    [InlineData("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)", true)]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36", true)]
    [InlineData("curl/8.5.0", true)]
    [InlineData("python-requests/2.31.0", true)]
    [InlineData("", true)]
    [InlineData(null, true)]
    [InlineData("Mozilla/5.0", true)]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", false)]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", false)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", false)]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/470.0]", false)]
    [InlineData("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36 DuckDuckGo/5", false)]
    public void IsRobot_KnowsCrawlersAndScripts_FromReadersBrowsers(string? userAgent, bool robot) =>
        Assert.Equal(robot, CountedVisits.IsRobot(userAgent));
}
