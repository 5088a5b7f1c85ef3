using Microsoft.Extensions.Options;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Media;
using SkiaSharp;

namespace NewsSite.Web.Features.Newsletter.Emails;

/// <summary>
/// Pictures that mail clients can show. Outlook shows no WebP and almost no client shows SVG, so a story's WebP picture
/// goes into an email as a JPEG made once, at most <see cref="MaxWidth"/> pixels wide (twice the 600-pixel column, for
/// sharp screens), and kept in the media store under email/; an SVG picture is left out of the email (the story keeps
/// its headline and link): rasterising SVG needs a library this build does not have. JPEG, PNG and GIF pass as they are,
/// and so do pictures on other sites, which the site cannot convert without fetching them.
/// </summary>
public sealed class EmailImages(IMediaStorage media, IWebHostEnvironment environment, IOptions<SiteOptions> site, ILogger<EmailImages> logger)
{
    public const int MaxWidth = 1200;
    private const int JpegQuality = 82;
    private const string Folder = "email/";

    public async Task<IReadOnlyList<NewsletterStory>> ForEmailAsync(IReadOnlyList<NewsletterStory> stories, CancellationToken cancellationToken)
    {
        var safe = new List<NewsletterStory>(stories.Count);
        foreach (var story in stories)
        {
            safe.Add(story.ImageUrl is { } url ? story with { ImageUrl = await SafeUrlAsync(url, cancellationToken) } : story);
        }
        return safe;
    }

    /// <summary>An address of the picture that mail clients show; null when there is none (an SVG).</summary>
    public async Task<string?> SafeUrlAsync(string url, CancellationToken cancellationToken)
    {
        var local = LocalPath(url);
        var extension = Path.GetExtension(local ?? new Uri(url, UriKind.RelativeOrAbsolute).ToString().Split('?')[0]).ToLowerInvariant();
        if (extension is ".svg")
        {
            return null;
        }
        if (extension is not ".webp" || local is null)
        {
            return url;
        }
        var (source, sourcePath) = local.StartsWith(MediaUrls.RequestPath + "/", StringComparison.Ordinal)
            ? (media.Files, local[(MediaUrls.RequestPath.Length + 1)..])
            : (environment.WebRootFileProvider, local.TrimStart('/'));
        var target = Folder + (source == media.Files ? "" : "static/") + Path.ChangeExtension(sourcePath, ".jpg");
        var targetUrl = site.Value.AbsoluteUrl($"{MediaUrls.RequestPath}/{target}").ToString();
        if (media.Files.GetFileInfo(target).Exists)
        {
            return targetUrl;
        }
        var file = source.GetFileInfo(sourcePath);
        if (!file.Exists)
        {
            return url;
        }
        try
        {
            await using var input = file.CreateReadStream();
            using var decoded = SKBitmap.Decode(input) ?? throw new InvalidOperationException("not an image SkiaSharp can read");
            using var sized = decoded.Width <= MaxWidth ? null
                : decoded.Resize(decoded.Info.WithSize(MaxWidth, Math.Max(1, (int)Math.Round(decoded.Height * (MaxWidth / (double)decoded.Width)))), new SKSamplingOptions(SKCubicResampler.Mitchell));
            using var encoded = (sized ?? decoded).Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
            await using var content = encoded.AsStream(streamDisposesData: false);
            await media.WriteAsync(target, content, cancellationToken);
        }
        catch (IOException) when (media.Files.GetFileInfo(target).Exists)
        {
            // Another render (or node) made it a moment ago: names are never reused, so it is the same picture.
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException)
        {
            logger.LogWarning(exception, "Could not make an email copy of {Image}; the email leaves it out", url);
            return null;
        }
        return targetUrl;
    }

    // "/media/2026/11/x.webp" for the site's own pictures (written as a path or as an address on the site); null otherwise.
    private string? LocalPath(string url)
    {
        if (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
        {
            return url.Split('?')[0];
        }
        var own = new Uri(site.Value.BaseUrl);
        return Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Host == own.Host && absolute.Port == own.Port ? absolute.AbsolutePath : null;
    }
}
