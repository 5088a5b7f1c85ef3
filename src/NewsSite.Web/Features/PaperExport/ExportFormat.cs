using System.Text.Json;
using System.Text.Json.Serialization;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Features.PaperExport;

/// <summary>
/// The export format (docs/export-format.md describes every file and field): a manifest and one JSON Lines file per
/// kind, with the source site's ids and references by those ids. A change that an older importer cannot read raises
/// <see cref="Version"/>; adding a field does not.
/// </summary>
public static class ExportFormat
{
    public const string Name = "newssite-export";
    public const int Version = 1;

    public const string Manifest = "manifest.json";
    public const string Settings = "settings.jsonl";
    public const string Sections = "sections.jsonl";
    public const string Tags = "tags.jsonl";
    public const string Authors = "authors.jsonl";
    public const string Media = "media.jsonl";
    public const string Articles = "articles.jsonl";
    public const string Revisions = "revisions.jsonl";
    public const string Pages = "pages.jsonl";
    public const string Newsletters = "newsletters.jsonl";
    public const string Issues = "issues.jsonl";
    public const string Subscribers = "subscribers.jsonl";
    public const string Consent = "consent.jsonl";
    public const string Suppressions = "suppressions.jsonl";
    public const string Redirects = "redirects.jsonl";
    public const string AddressKey = "address-key.json";

    /// <summary>The folder of the media files inside an export.</summary>
    public const string MediaFolder = "media/";

    /// <summary>camelCase names, enums by name, UTC times in ISO 8601 with a "Z", one object per line.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new UtcTimes() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };
}

/// <summary>
/// Every time the site keeps is UTC, but SQLite hands times back without saying so (<see cref="DateTimeKind.Unspecified"/>),
/// and written as read they lost the format's "Z"; PostgreSQL then refused to import them, so a paper could not move
/// from SQLite to PostgreSQL. Times are written as UTC whatever their kind says, and read as UTC: a time without a zone
/// (an export made before this) is taken as UTC, one with an offset is converted.
/// </summary>
internal sealed class UtcTimes : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var time = reader.GetDateTime();
        return time.Kind switch
        {
            DateTimeKind.Utc => time,
            DateTimeKind.Local => time.ToUniversalTime(),
            _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        };
    }

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

public sealed record ManifestFile(string Path, long Bytes, string Sha256);

public sealed record ExportManifest(
    string Format,
    int Version,
    DateTime ExportedAt,
    string PaperName,
    string? SiteUrl,
    Dictionary<string, long> Counts,
    List<string> MissingMedia,
    List<ManifestFile> Files);

public sealed record SettingsLine(string? PaperName, string? Tagline, int? LogoMediaId, string? TimeZone, string? PostalAddress,
    string? FooterLinks, string? SocialProfiles, string? XHandle, DateTime UpdatedAt, string UpdatedByName, int Version);

public sealed record SectionLine(int Id, string Name, string Slug, string Description, int Position, bool HiddenFromNavigation, List<string> FormerSlugs);

public sealed record TagLine(int Id, string Name, string Slug, List<string> FormerSlugs);

public sealed record AuthorLine(int Id, string Name, string Slug, string Bio, string? PhotoUrl, int? PhotoMediaId, string? JobTitle,
    string? Expertise, string? ContactEmail, string? ProfileLinks, string? XHandle);

public sealed record MediaLine(int Id, string OriginalFileName, string StoragePath, string ContentType, int Width, int Height, long Bytes,
    string AltText, string? Caption, string? Credit, string VariantWidths, DateTime UploadedAt, string? UploadedByUserId, List<string> Files);

public sealed record FormerSlug(string Slug, DateTime RetiredAt);

public sealed record CorrectionLine(int Id, CorrectionKind Kind, string Text, DateTime At, bool ShowAtTop, string? CreatedByUserId,
    string CreatedByName, DateTime? SentToSubscribersAt);

public sealed record LiveEntryLine(int Id, string? Title, string BodyMarkdown, DateTime PostedAt, DateTime? EditedAt, bool IsPinned,
    DateTime? DeletedAt, string? CreatedByUserId, string CreatedByName);

public sealed record ArticleLine(
    int Id, string Title, string Slug, string Standfirst, string BodyMarkdown,
    string? HeroImageUrl, string? HeroImageAlt, string? HeroImageCaption, string? HeroImageCredit, int? HeroImageWidth, int? HeroImageHeight, int? HeroMediaId,
    int SectionId, ArticleStatus Status, DateTime? PublishedAt, DateTime CreatedAt, DateTime UpdatedAt, bool IsFeatured, bool NoAds,
    DateTime? ReviewRequestedAt, DateTime? DeletedAt, DateTime? WentLiveAt, string? CreatedByUserId, int Version, WorkType WorkType,
    string? Dateline, string? Backstory, DateTime? ShownUpdatedAt, string? UpdateReason, string? SponsorName,
    DateTime? LiveStartedAt, DateTime? LiveEndedAt,
    List<int> TagIds, List<int> AuthorIds, List<FormerSlug> FormerSlugs, List<CorrectionLine> Corrections, List<LiveEntryLine> LiveEntries);

public sealed record RevisionLine(int Id, int ArticleId, int Number, string Title, string Standfirst, string BodyMarkdown, DateTime CreatedAt,
    string? CreatedByUserId, string CreatedByName, string Note, int? ArticleVersion, bool IsAutosave, string? Details);

public sealed record PageLine(int Id, string Title, string Slug, PageKind Kind, string BodyMarkdown, bool IsPublished, bool ShowInFooter,
    int FooterPosition, DateTime CreatedAt, DateTime UpdatedAt, string UpdatedByName, int Version);

public sealed record NewsletterLine(int Id, string Slug, string Name, string Description, string? SenderName, int Position, bool IsActive,
    bool IsDigest, int DigestDays, int DigestMinuteOfDay, int DigestMaxStories, DateTime? LastDigestAt, List<int> SectionIds);

public sealed record IssueLine(int Id, int NewsletterId, string Subject, string Intro, string Preheader, DateTime? ScheduledFor, bool IsDigest,
    long Opens, NewsletterIssueStatus Status, DateTime CreatedAt, string? CreatedByName, DateTime? QueuedAt, int QueuedCount, List<int> ArticleIds);

public sealed record SubscriptionLine(int NewsletterId, DateTime CreatedAt);

public sealed record SubscriberLine(
    int Id, string Email, string? Name, SubscriberStatus Status, DateTime CreatedAt, DateTime? ConfirmedAt, DateTime? UnsubscribedAt,
    string? ConfirmationTokenHash, DateTime? ConfirmationExpiresAt, DateTime? LastConfirmationSentAt,
    DateTime? ConfirmationWindowStartedAt, int ConfirmationsInWindow, string UnsubscribeToken,
    DateTime? ConsentAt, string? ConsentSource, string? ConsentText, string Origin, int? SignupArticleId, DateTime? PausedUntil,
    int SoftBounceCount, string? PendingEmail, string? PendingEmailTokenHash, DateTime? PendingEmailExpiresAt, DateTime? WelcomeSentAt,
    List<SubscriptionLine> Subscriptions);

public sealed record ConsentLine(long Id, int? SubscriberId, string AddressHash, ConsentEventKind Kind, DateTime At, string? Wording,
    string? Source, string? Detail, string? ActorName);

public sealed record SuppressionLine(int Id, string Address, SuppressionReason Reason, string? Detail, int? NewsletterIssueId, DateTime CreatedAt,
    DateTime? LiftedAt, string? LiftedByName);

/// <summary>An address from the paper's previous system (an imported WordPress or Ghost site) and where it leads now.</summary>
public sealed record RedirectLine(int Id, string Path, string Target, string Source, DateTime CreatedAt);

/// <summary>The key of the consent ledger's address hashes: without it the tombstones of erased readers match nothing.</summary>
public sealed record AddressKeyFile(string Name, string Value);
