using System.Globalization;

namespace NewsSite.Web.Features.Admin;

/// <summary>
/// The newsroom's addresses that code and views link or redirect to, in one place (the public ones are SiteUrls).
/// Paths only; SiteOptions.AbsoluteUrl makes them absolute for emails. The routes stay on the controllers' attributes.
/// </summary>
public static class AdminUrls
{
    public const string Home = "/admin";
    public const string Setup = "/admin/setup";
    public const string Account = "/admin/account";
    public const string Invitation = "/admin/invitation";
    public const string ResetPassword = "/admin/reset-password";
    public const string SignIn = "/admin/sign-in";
    public const string SignOut = "/admin/sign-out";
    public const string AccessDenied = "/admin/access-denied";
    public const string ResumeForm = "/admin/resume";

    /// <summary>The editor asks here whether its session is still alive, and gets a fresh form token.</summary>
    public const string Session = "/admin/session";

    /// <summary>Where a sign-in opened from the editor (in its own window) lands: it says so and closes.</summary>
    public const string SignedInAgain = Session + "/signed-in";

    public const string Articles = "/admin/articles";
    public const string NewArticle = Articles + "/new";
    public const string Media = "/admin/media";
    public const string Sections = "/admin/sections";
    public const string Tags = "/admin/tags";
    public const string Newsletters = "/admin/newsletters";
    public const string Subscribers = "/admin/subscribers";
    public const string NewsletterSuppressions = "/admin/newsletters/suppressions";
    public const string SuppressAddress = NewsletterSuppressions + "/add";

    /// <summary>Administrators' check of SPF, DKIM, DMARC, one-click unsubscribe and the postal address.</summary>
    public const string Deliverability = Newsletters + "/deliverability";

    public const string Ads = "/admin/ads";
    public const string FrontPage = "/admin/front-page";
    public const string FrontPagePin = FrontPage + "/pin";
    public const string Users = "/admin/users";
    public const string Audit = "/admin/audit";
    public const string Settings = "/admin/settings";
    public const string Backups = "/admin/backups";
    public const string BackUpNow = Backups + "/now";

    /// <summary>Moving in: the administrators' WordPress and Ghost imports.</summary>
    public const string Imports = "/admin/imports";
    public const string ImportWordPress = Imports + "/wordpress";
    public const string ImportGhost = Imports + "/ghost";

    /// <summary>Administrators' download of the whole paper (docs/export-format.md).</summary>
    public const string Export = "/admin/export";
    public const string BreakingNews = "/admin/breaking-news";
    public const string ClearBreakingNews = BreakingNews + "/clear";

    /// <summary>The signed-in person's own author profile; editors reach everyone's from <see cref="Authors"/>.</summary>
    public const string Profile = "/admin/profile";
    public const string Authors = "/admin/authors";
    public const string Pages = "/admin/pages";
    public const string NewPage = Pages + "/new";
    public const string PageSave = Pages + "/save";

    public const string ArticleSave = Articles + "/save";
    public const string ArticleSubmit = Articles + "/submit";
    public const string ArticlePublish = Articles + "/publish";
    public const string ArticleSchedule = Articles + "/schedule";
    public const string ArticleAutosave = Articles + "/autosave";
    public const string ArticlePreviewBody = Articles + "/preview-body";
    public const string TagSuggestions = Tags + "/suggest";

    public static string Article(int id) => Under(Articles, id);
    public static string MoveFrontPagePin(int pinId) => Under(FrontPage, pinId) + "/move";
    public static string Unpin(int pinId) => Under(FrontPage, pinId) + "/unpin";
    public static string ArticlePreview(int id) => Article(id) + "/preview";
    public static string ArticleRevisions(int id) => Article(id) + "/revisions";
    public static string CompareRevisions(int id) => ArticleRevisions(id) + "/compare";
    public static string RestoreRevision(int id, int number) => ArticleRevisions(id) + Invariant($"/{number}/restore");
    public static string PreviewLinks(int id) => Article(id) + "/preview-links";
    public static string RevokePreviewLink(int id, int linkId) => PreviewLinks(id) + Invariant($"/{linkId}/revoke");
    public static string ArticleNotes(int id) => Article(id) + "/notes";
    public static string Corrections(int id) => Article(id) + "/corrections";
    public static string Correction(int id, int correctionId) => Corrections(id) + Invariant($"/{correctionId}");
    public static string DeleteCorrection(int id, int correctionId) => Correction(id, correctionId) + "/delete";
    public static string SendCorrection(int id, int correctionId) => Correction(id, correctionId) + "/send";

    /// <summary>A live story's desk: its entries, posted to by several staff at once.</summary>
    public static string ArticleLive(int id) => Article(id) + "/live";
    public static string LiveEntries(int id) => ArticleLive(id) + "/entries";
    public static string LiveEntry(int id, int entryId) => LiveEntries(id) + Invariant($"/{entryId}");

    /// <summary>An action on a live entry: "pin" or "delete".</summary>
    public static string LiveEntryAction(int id, int entryId, string action) => $"{LiveEntry(id, entryId)}/{action}";

    /// <summary>The coverage itself: "end" or "resume".</summary>
    public static string LiveAction(int id, string action) => $"{ArticleLive(id)}/{action}";

    /// <summary>A state change of a story, posted to: "unpublish", "trash" or "restore".</summary>
    public static string ArticleAction(int id, string action) => $"{Article(id)}/{action}";

    public static string AuthorProfile(int id) => Under(Authors, id);
    public static string Page(int id) => Under(Pages, id);
    public static string DeletePage(int id) => Page(id) + "/delete";

    public static string DeleteMedia(int id) => Under(Media, id) + "/delete";
    public static string EditMedia(int id) => Under(Media, id) + "/edit";

    /// <summary>The editor's JSON: upload (posted), the picker's pages (GET ?q=&amp;page=), and an image's words (posted).</summary>
    public const string MediaUpload = Media + "/upload.json";
    public const string MediaPicker = Media + "/picker.json";
    public static string MediaDetails(int id) => Under(Media, id) + "/details.json";
    public static string MoveSection(int id) => Under(Sections, id) + "/move";
    public static string RenameTag(int id) => Under(Tags, id) + "/rename";

    public static string Newsletter(int id) => Under(Newsletters, id);
    public static string NewsletterFromArticle(int articleId) => Under(Newsletters + "/from-article", articleId);

    /// <summary>An action on a newsletter issue: "preview", "preview.html", "test", "send" or "retry-failed".</summary>
    public static string NewsletterAction(int id, string action) => $"{Newsletter(id)}/{action}";

    /// <summary>The newsletters themselves (names, sections, digest schedules), apart from their issues.</summary>
    public const string NewsletterLists = Newsletters + "/lists";
    public const string NewNewsletterList = NewsletterLists + "/new";
    public const string NewsletterListSave = NewsletterLists + "/save";
    public static string NewsletterList(int id) => Under(NewsletterLists, id);

    /// <summary>The issue editor's story search (JSON), and an issue's send progress (JSON, polled by its page).</summary>
    public const string NewsletterStorySearch = Newsletters + "/stories.json";
    public static string NewsletterProgress(int id) => Newsletter(id) + "/progress.json";

    /// <summary>The newsroom's numbers (page views, sources, subscribers, newsletter clicks), and each table as CSV.</summary>
    public const string Analytics = "/admin/analytics";
    public static string AnalyticsExport(string table) => $"{Analytics}/{table}.csv";

    public static string EraseSubscriber(int id) => Under(Subscribers, id) + "/erase";
    public static string LiftSuppression(int id) => Under(NewsletterSuppressions, id) + "/lift";

    /// <summary>An action on a staff account: "role", "enable" or "disable".</summary>
    public static string UserAction(string userId, string action) => $"{Users}/{Uri.EscapeDataString(userId)}/{action}";

    private static string Under(string list, int id) => Invariant($"{list}/{id}");

    private static string Invariant(FormattableString path) => path.ToString(CultureInfo.InvariantCulture);
}
