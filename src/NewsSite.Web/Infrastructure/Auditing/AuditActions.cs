namespace NewsSite.Web.Infrastructure.Auditing;

/// <summary>The audit log's actions: one per kind of event, so the log can be filtered by what happened.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string SignOut = "sign-out";
    public const string PasswordReset = "password-reset";
    public const string TwoFactorChanged = "two-factor-changed";
    public const string Publish = "publish";
    public const string Schedule = "schedule";
    public const string Unpublish = "unpublish";
    public const string Trash = "trash";
    public const string Restore = "restore";
    public const string DeleteForever = "delete";
    public const string RoleChange = "role-change";
    public const string UserInvited = "user-invited";
    public const string UserDisabled = "user-disabled";
    public const string UserEnabled = "user-enabled";
    public const string SectionCreated = "section-created";
    public const string SectionEdited = "section-edited";
    public const string SectionMoved = "section-moved";
    public const string TagRenamed = "tag-renamed";
    public const string TagMerged = "tag-merged";
    public const string NewsletterQueued = "newsletter-queued";
    public const string SubscribersImported = "subscribers-imported";
    public const string AdCodeChange = "ad-code-change";
    public const string FirstAdministrator = "first-administrator";
    public const string MailRetry = "mail-retry";
    public const string PreviewLinkCreated = "preview-link-created";
    public const string PreviewLinkRevoked = "preview-link-revoked";
    public const string CorrectionAdded = "correction-added";
    public const string CorrectionEdited = "correction-edited";
    public const string CorrectionDeleted = "correction-deleted";
    public const string CorrectionSent = "correction-sent";
    public const string FrontPagePinned = "front-page-pinned";
    public const string FrontPageReordered = "front-page-reordered";
    public const string FrontPageUnpinned = "front-page-unpinned";
    public const string ProfileEdited = "profile-edited";
    public const string PageCreated = "page-created";
    public const string PageEdited = "page-edited";
    public const string PageDeleted = "page-deleted";
    public const string SiteSettingsChanged = "site-settings-changed";
    public const string BreakingNewsSet = "breaking-news-set";
    public const string BreakingNewsCleared = "breaking-news-cleared";
    public const string LiveEntryAdded = "live-entry-added";
    public const string LiveEntryEdited = "live-entry-edited";
    public const string LiveEntryPinned = "live-entry-pinned";
    public const string LiveEntryUnpinned = "live-entry-unpinned";
    public const string LiveEntryDeleted = "live-entry-deleted";
    public const string LiveEnded = "live-ended";
    public const string LiveResumed = "live-resumed";
    public const string SuppressionLifted = "suppression-lifted";
    public const string SuppressionAdded = "suppression-added";
    public const string NewsletterCreated = "newsletter-created";
    public const string NewsletterEdited = "newsletter-edited";
}
