using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using NewsSite.Web.Features.Shared;

namespace NewsSite.Web.Features.Feeds;

public enum FeedFormat
{
    Rss,
    Atom,
}

/// <summary>Writes RSS 2.0 and Atom 1.0 with System.ServiceModel.Syndication rather than by hand, so escaping and dates are right.</summary>
public static class FeedWriter
{
    private static readonly XNamespace ContentModule = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace MediaRss = "http://search.yahoo.com/mrss/";

    public static byte[] Write(FeedSource source, FeedFormat format, Func<string, Uri> absolute)
    {
        var selfUrl = absolute(format == FeedFormat.Rss ? SiteUrls.RssFeed(source.Path) : SiteUrls.AtomFeed(source.Path));
        // RSS 2.0 has no way to say "plain text": readers render <title> and <description> as HTML, so a headline
        // such as "Tom & Jerry <b>live</b>" must be HTML-encoded once before the XML writer escapes it again.
        // Atom says type="text" (the formatter writes it for TextSyndicationContent), so its text goes as it is.
        Func<string, string> text = format == FeedFormat.Rss ? HtmlText : t => t;
        var feed = new SyndicationFeed(text(source.Title), text(source.Description), absolute(source.Path))
        {
            Id = selfUrl.ToString(),
            Language = "en",
            LastUpdatedTime = source.Items.Count == 0 ? DateTimeOffset.UnixEpoch : source.Items.Max(i => AsOffset(i.UpdatedAt)),
            Generator = "NewsSite",
            Items = source.Items.Select(item => ToItem(item, format, absolute, text)).ToList(),
        };
        feed.Links.Add(new SyndicationLink(selfUrl, "self", source.Title, format == FeedFormat.Rss ? "application/rss+xml" : "application/atom+xml", 0));

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, Async = false }))
        {
            SyndicationFeedFormatter formatter = format == FeedFormat.Rss
                ? new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: true)
                : new Atom10FeedFormatter(feed);
            formatter.WriteTo(writer);
        }
        return stream.ToArray();
    }

    private static SyndicationItem ToItem(FeedItem item, FeedFormat format, Func<string, Uri> absolute, Func<string, string> text)
    {
        var url = absolute(item.Url);
        // Feed readers show neither cards nor pages: the label travels in the headline ("Opinion: …") and as a
        // category, and paid content names who paid before its summary.
        var label = WorkLabels.Shown(item.WorkType);
        var title = label is null ? item.Title : $"{label}: {item.Title}";
        var summary = WorkLabels.PaidFor(item.WorkType, item.SponsorName) is { } paidFor ? $"{paidFor}. {item.Summary}" : item.Summary;
        var syndicationItem = new SyndicationItem(text(title), text(summary), url, url.ToString(), AsOffset(item.UpdatedAt))
        {
            PublishDate = AsOffset(item.PublishedAt),
        };
        if (item.BodyHtml is not null)
        {
            // The whole story: Atom's own content element; RSS's content:encoded, which every reader knows.
            var html = FeedHtml.Of(item, absolute);
            if (format == FeedFormat.Atom)
            {
                syndicationItem.Content = SyndicationContent.CreateHtmlContent(html);
            }
            else
            {
                syndicationItem.ElementExtensions.Add(new XElement(ContentModule + "encoded", html));
            }
        }
        if (item.Image is { } image)
        {
            // The picture for readers' and aggregators' cards (Media RSS, which both formats may carry).
            var media = new XElement(MediaRss + "content", new XAttribute("url", FeedHtml.AbsoluteUrl(image.Url, absolute)), new XAttribute("medium", "image"));
            if (image.Width is { } width && image.Height is { } height)
            {
                media.Add(new XAttribute("width", width), new XAttribute("height", height));
            }
            if (!string.IsNullOrEmpty(image.Alt))
            {
                media.Add(new XElement(MediaRss + "description", image.Alt));
            }
            syndicationItem.ElementExtensions.Add(media);
        }
        foreach (var author in item.Authors)
        {
            // RSS 2.0's <author> wants an email; for a name alone the formatter writes an Atom author element, which feed readers show.
            syndicationItem.Authors.Add(new SyndicationPerson { Name = author });
        }
        if (label is not null)
        {
            syndicationItem.Categories.Add(new SyndicationCategory(label));
        }
        syndicationItem.Categories.Add(new SyndicationCategory(item.SectionName));
        foreach (var tag in item.Tags)
        {
            syndicationItem.Categories.Add(new SyndicationCategory(tag));
        }
        return syndicationItem;
    }

    /// <summary>Only the characters HTML gives a meaning in text; anything else (accents, quotes) stays readable.</summary>
    private static string HtmlText(string value) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static DateTimeOffset AsOffset(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
