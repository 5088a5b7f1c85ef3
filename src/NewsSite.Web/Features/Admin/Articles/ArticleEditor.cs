using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Auditing;
using NewsSite.Web.Infrastructure.Content;
using NewsSite.Web.Infrastructure.Media;
using NewsSite.Web.Infrastructure.Publishing;

namespace NewsSite.Web.Features.Admin.Articles;

/// <summary>The outcome of an editor action: done, refused (with messages for the form), missing, forbidden or a conflict.</summary>
public sealed record EditResult(int? ArticleId, IReadOnlyList<(string Field, string Message)> Errors, bool NotFound = false, bool Forbidden = false, ConflictInfo? Conflict = null)
{
    /// <summary>Set when someone else saved meanwhile and their changes were merged with these: who they were.</summary>
    public string? MergedWith { get; init; }

    public bool Succeeded => Errors.Count == 0 && !NotFound && !Forbidden && Conflict is null;

    public static EditResult Ok(int id) => new(id, []);
    public static EditResult Missing() => new(null, [], NotFound: true);
    public static EditResult Refused() => new(null, [], Forbidden: true);
    public static EditResult Invalid(string field, string message) => new(null, [(field, message)]);
}

/// <summary>
/// Writing and publishing: saves (with a revision each time and optimistic concurrency), the workflow from draft to
/// published and back, the trash, and revision restore. Cache eviction needs no call here: SaveChanges does it.
/// </summary>
public sealed class ArticleEditor(
    NewsDbContext db,
    ArticleBodyRenderer renderer,
    BodyImages bodyImages,
    AuditTrail audit,
    PublishingWorkflow workflow,
    ArticleAccess access,
    TimeProvider clock,
    DateDisplay dates,
    Infrastructure.Database.IDatabaseProvider database)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<EditorPage> NewPageAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var form = new ArticleForm { SectionId = await db.Sections.OrderBy(s => s.Position).Select(s => s.Id).FirstOrDefaultAsync(cancellationToken) };
        return await PageAsync(form, null, await access.RightsOfAsync(user), cancellationToken);
    }

    /// <summary>
    /// The editor for a story. When this person has a working copy (autosaved, never saved to the story) it is what
    /// they get back, on top of the version they were editing: saving then merges with anything saved since.
    /// </summary>
    public async Task<EditorPage?> EditPageAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var rights = await access.RightsOfAsync(user);
        var article = await db.Articles.AsNoTracking().Where(rights.Readable).Include(a => a.Tags).ThenInclude(t => t.Tag).Include(a => a.Authors)
            .AsSplitQuery().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return null;
        }
        var form = FormOf(article);
        var copy = await db.ArticleRevisions.AsNoTracking()
            .FirstOrDefaultAsync(r => r.ArticleId == id && r.IsAutosave && r.CreatedByUserId == rights.UserId, cancellationToken);
        DateTime? restoredFrom = null;
        if (copy is not null && rights.CanEdit(article))
        {
            var working = FormOf(copy, id, copy.ArticleVersion ?? article.Version);
            if (!SameContent(working, form))
            {
                form = working;
                restoredFrom = copy.CreatedAt;
            }
        }
        return await PageAsync(form, article, rights, cancellationToken) with { WorkingCopySavedAt = restoredFrom };
    }

    /// <summary>
    /// Keeps what the editor has typed without touching the story: into their working copy, one per person and story,
    /// rewritten as they type. Nothing public changes (no page, no cache) until they save, publish or update. A new
    /// story becomes a draft at its first autosave with a headline, so it has somewhere to live.
    /// </summary>
    public async Task<AutosaveResult> AutosaveAsync(ArticleForm form, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (form.Id is not { } id)
        {
            if (string.IsNullOrWhiteSpace(form.Title))
            {
                return new AutosaveResult(AutosaveOutcome.NeedsHeadline, Message: "Kept on this device: give the story a headline to save it to the newsroom.");
            }
            var created = await SaveAsync(form, user, "Autosaved: first draft", null, cancellationToken);
            if (!created.Succeeded)
            {
                return Refusal(created);
            }
            var version = await db.Articles.Where(a => a.Id == created.ArticleId).Select(a => a.Version).FirstAsync(cancellationToken);
            return new AutosaveResult(AutosaveOutcome.Saved, created.ArticleId, version, Now);
        }

        var rights = await access.RightsOfAsync(user);
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null || !rights.MayKnowOf(article))
        {
            return new AutosaveResult(AutosaveOutcome.NotFound);
        }
        if (!rights.CanEdit(article))
        {
            return new AutosaveResult(AutosaveOutcome.Forbidden, Message: "You can no longer edit this story (it went out); an editor can.");
        }
        var userId = rights.UserId;
        var details = (await DetailsOfAsync(form, cancellationToken)).ToJson();
        var name = await StaffNameAsync(userId, cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var copy = await db.ArticleRevisions.FirstOrDefaultAsync(r => r.ArticleId == id && r.IsAutosave && r.CreatedByUserId == userId, cancellationToken);
            if (copy is null)
            {
                var last = await db.ArticleRevisions.Where(r => r.ArticleId == id).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0;
                copy = new ArticleRevision { ArticleId = id, Number = last + 1, Title = "", IsAutosave = true, CreatedByUserId = userId };
                db.ArticleRevisions.Add(copy);
            }
            copy.Title = form.Title.Trim();
            copy.Standfirst = (form.Standfirst ?? "").Trim();
            copy.BodyMarkdown = form.BodyMarkdown ?? "";
            copy.CreatedAt = Now;
            copy.CreatedByName = name;
            copy.Note = article.Status == ArticleStatus.Draft ? "Autosave" : "Autosave (working copy, not on the site)";
            copy.ArticleVersion = form.Version;
            copy.Details = details;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException exception) when (attempt == 0 && IsUniqueViolation(exception))
            {
                // Someone's save took the next revision number a moment ago: number the working copy after it.
                db.ChangeTracker.Clear();
            }
        }
        var newerBy = article.Version != form.Version ? await LastSaverAsync(id, cancellationToken) : null;
        return new AutosaveResult(AutosaveOutcome.Saved, id, form.Version, Now, NewerBy: newerBy);
    }

    /// <summary>Throws away this person's working copy of a story: the editor shows the story as saved.</summary>
    public async Task DiscardWorkingCopyAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        await db.ArticleRevisions.Where(r => r.ArticleId == id && r.IsAutosave && r.CreatedByUserId == userId).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<bool> IsReadableAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await db.Articles.Where((await access.RightsOfAsync(user)).Readable).AnyAsync(a => a.Id == id, cancellationToken);

    /// <summary>The signed-in person's name as the newsroom sees it.</summary>
    public Task<string> NameOfAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        StaffNameAsync(user.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);

    private static AutosaveResult Refusal(EditResult result) => result switch
    {
        { NotFound: true } => new AutosaveResult(AutosaveOutcome.NotFound),
        { Forbidden: true } => new AutosaveResult(AutosaveOutcome.Forbidden),
        _ => new AutosaveResult(AutosaveOutcome.Invalid, Message: result.Errors.Count > 0 ? result.Errors[0].Message : "Not saved."),
    };

    private static bool SameContent(ArticleForm a, ArticleForm b) =>
        a.Title == b.Title && (a.Standfirst ?? "") == (b.Standfirst ?? "") && (a.BodyMarkdown ?? "") == (b.BodyMarkdown ?? "") &&
        (a.Slug ?? "") == (b.Slug ?? "") && a.SectionId == b.SectionId && TagNames(a.Tags).SequenceEqual(TagNames(b.Tags)) &&
        a.AuthorIds.SequenceEqual(b.AuthorIds) && a.HeroMediaId == b.HeroMediaId && (a.HeroImageAlt ?? "") == (b.HeroImageAlt ?? "") &&
        (a.HeroImageCaption ?? "") == (b.HeroImageCaption ?? "") && (a.HeroImageCredit ?? "") == (b.HeroImageCredit ?? "") &&
        a.IsFeatured == b.IsFeatured && a.NoAds == b.NoAds && a.PublishAt == b.PublishAt &&
        a.WorkType == b.WorkType && (a.SponsorName ?? "") == (b.SponsorName ?? "") && (a.Dateline ?? "") == (b.Dateline ?? "") && (a.Backstory ?? "") == (b.Backstory ?? "");

    /// <summary>The page again after a refused post: the person's own input, with fresh choices and status; null for a story they may not read.</summary>
    public async Task<EditorPage?> RedisplayAsync(ArticleForm form, ClaimsPrincipal user, ConflictInfo? conflict, CancellationToken cancellationToken)
    {
        var rights = await access.RightsOfAsync(user);
        var article = form.Id is { } id ? await db.Articles.AsNoTracking().Where(rights.Readable).FirstOrDefaultAsync(a => a.Id == id, cancellationToken) : null;
        if (form.Id is not null && article is null)
        {
            return null;
        }
        var page = await PageAsync(form, article, rights, cancellationToken);
        return conflict is null ? page : page with { Conflict = conflict, Form = form with { Version = article?.Version ?? form.Version } };
    }

    public Task<EditResult> SaveAsync(ArticleForm form, ClaimsPrincipal user, string note, CancellationToken cancellationToken) =>
        SaveAsync(form, user, note, null, cancellationToken);

    /// <summary>
    /// A change of state that rides along with a save of the form. <see cref="Apply"/> bumps the version itself (the
    /// workflow's steps do), so a publish is one version, one revision and one audit entry in a single SaveChanges.
    /// </summary>
    private sealed record Step(Action<Article> Apply, bool EditorsOnly);

    /// <summary>Copies the form onto the article and applies the step, if any, then saves once: nothing is written when anything is refused.</summary>
    private async Task<EditResult> SaveAsync(ArticleForm form, ClaimsPrincipal user, string note, Step? step, CancellationToken cancellationToken, bool retried = false)
    {
        var rights = await access.RightsOfAsync(user);
        var editorsOnly = step?.EditorsOnly == true;
        string? mergedWith = null;
        if (editorsOnly && !rights.CanPublish && form.Id is null)
        {
            return EditResult.Refused();
        }
        Article article;
        if (form.Id is { } id)
        {
            var existing = await db.Articles.Include(a => a.Tags).ThenInclude(t => t.Tag).Include(a => a.Authors).ThenInclude(a => a.Author).AsSplitQuery().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (existing is null)
            {
                return EditResult.Missing();
            }
            if (!(editorsOnly ? rights.CanPublish : rights.CanEdit(existing)))
            {
                return RefusedOrMissing(rights, existing);
            }
            if (existing.Version != form.Version)
            {
                // Someone saved since this editor opened the story: keep both when they changed different things.
                if (await MergeAsync(existing, form, cancellationToken) is not { } merged)
                {
                    return new EditResult(id, [], Conflict: await ConflictAsync(existing, form, cancellationToken));
                }
                mergedWith = await LastSaverAsync(existing.Id, cancellationToken);
                note = $"{note} (merged with {mergedWith}'s changes)";
                form = merged;
            }
            article = existing;
        }
        else
        {
            article = new Article { Title = "", Slug = "", CreatedAt = Now, CreatedByUserId = user.FindFirstValue(ClaimTypes.NameIdentifier), Status = ArticleStatus.Draft };
            db.Articles.Add(article);
        }

        var problem = await ApplyAsync(article, form, user, rights.CanPublish, cancellationToken);
        if (problem is { } error)
        {
            db.ChangeTracker.Clear();
            return EditResult.Invalid(error.Field, error.Message);
        }
        if (step is null)
        {
            article.Version++;
        }
        else
        {
            step.Apply(article);
        }
        await AddRevisionAsync(article, user, note, cancellationToken);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || IsUniqueViolation(exception))
        {
            // Someone saved between our read and our write: the version no longer matches (the UPDATE says WHERE
            // Version = ours), or their revision took our revision's number first. Nothing of ours was written.
            db.ChangeTracker.Clear();
            var current = form.Id is { } savedId ? await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == savedId, cancellationToken) : null;
            if (current is null)
            {
                return form.Id is null
                    ? EditResult.Invalid(nameof(ArticleForm.Slug), "Another story or tag took the same address at the same moment. Nothing was saved: save again.")
                    : EditResult.Missing();
            }
            if (current.Version == form.Version)
            {
                // Not a race on this story's text: a co-editor's autosave took the next revision number a moment ago,
                // or someone took this slug or tag name. Once more from the start tells which (and saves if it was the number).
                return retried
                    ? EditResult.Invalid(nameof(ArticleForm.Slug), "Another story or tag took the same address at the same moment. Nothing was saved: save again.")
                    : await SaveAsync(form, user, note, step, cancellationToken, retried: true);
            }
            return new EditResult(current.Id, [], Conflict: await ConflictAsync(current, form, cancellationToken));
        }
        return EditResult.Ok(article.Id) with { MergedWith = mergedWith };
    }

    public async Task<EditResult> PublishAsync(ArticleForm form, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (MissingForPublication(form) is { } missing)
        {
            return missing;
        }
        return await SaveAsync(form, user, "Published", new Step(a => workflow.Publish(a), EditorsOnly: true), cancellationToken);
    }

    public async Task<EditResult> ScheduleAsync(ArticleForm form, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (MissingForPublication(form) is { } missing)
        {
            return missing;
        }
        if (form.PublishAt is not { } local)
        {
            return EditResult.Invalid(nameof(ArticleForm.PublishAt), "Choose the date and time to publish.");
        }
        // The paper's zone as the settings page last set it, as everywhere else the newsroom sees a time.
        if (dates.FromLocal(local) is not { } due)
        {
            return EditResult.Invalid(nameof(ArticleForm.PublishAt), $"That time does not exist on {dates.ZoneName} (the clocks go forward); choose another.");
        }
        if (due <= Now.AddSeconds(30))
        {
            return EditResult.Invalid(nameof(ArticleForm.PublishAt), "Choose a time in the future, or use Publish now.");
        }
        return await SaveAsync(form, user, $"Scheduled for {local:d MMM yyyy HH:mm}", new Step(a => workflow.Schedule(a, due), EditorsOnly: true), cancellationToken);
    }

    public Task<EditResult> UnpublishAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TransitionAsync(id, user, workflow.Unpublish, cancellationToken);

    public Task<EditResult> SubmitForReviewAsync(ArticleForm form, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        SaveAsync(form, user, "Submitted for review", new Step(a => { a.ReviewRequestedAt = Now; a.Version++; }, EditorsOnly: false), cancellationToken);

    public Task<EditResult> TrashAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TransitionAsync(id, user, a =>
        {
            a.DeletedAt = Now;
            a.Status = ArticleStatus.Draft;
            a.IsFeatured = false;
            a.Version++;
            audit.Record(AuditActions.Trash, Describe(a));
        }, cancellationToken, allowWriters: true);

    public async Task<EditResult> RestoreFromTrashAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return EditResult.Missing();
        }
        if (!(await access.RightsOfAsync(user)).MayKnowOf(article))
        {
            return EditResult.Missing();
        }
        article.DeletedAt = null;
        article.Version++;
        audit.Record(AuditActions.Restore, Describe(article));
        await db.SaveChangesAsync(cancellationToken);
        return EditResult.Ok(id);
    }

    public async Task<EditResult> RestoreRevisionAsync(int id, int number, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var article = await db.Articles.Include(a => a.Tags).ThenInclude(t => t.Tag).Include(a => a.Authors).ThenInclude(a => a.Author).AsSplitQuery().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        var me = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var revision = await db.ArticleRevisions.AsNoTracking()
            .FirstOrDefaultAsync(r => r.ArticleId == id && r.Number == number && (!r.IsAutosave || r.CreatedByUserId == me), cancellationToken);
        if (article is null || revision is null)
        {
            return EditResult.Missing();
        }
        var rights = await access.RightsOfAsync(user);
        if (!rights.CanEdit(article))
        {
            return RefusedOrMissing(rights, article);
        }
        if (article.Status != ArticleStatus.Draft && string.IsNullOrWhiteSpace(revision.BodyMarkdown))
        {
            return EditResult.Invalid(nameof(ArticleForm.BodyMarkdown), "That revision has no body, and a published or scheduled story needs one: unpublish the story first.");
        }
        if (renderer.TryRender(revision.BodyMarkdown, await bodyImages.ForAsync(revision.BodyMarkdown, cancellationToken)) is not { } rendered)
        {
            return EditResult.Invalid(nameof(ArticleForm.BodyMarkdown), ArticleForm.TooDeeplyNested);
        }
        article.Title = revision.Title;
        article.Standfirst = revision.Standfirst;
        SetBody(article, revision.BodyMarkdown, rendered);
        article.UpdatedAt = Now;
        article.Version++;
        await AddRevisionAsync(article, user, $"Restored revision {number}", cancellationToken);
        audit.Record(AuditActions.Restore, Describe(article), $"revision {number}");
        await db.SaveChangesAsync(cancellationToken);
        return EditResult.Ok(id);
    }

    /// <summary>A change of state without a form; <paramref name="change"/> bumps the version and records the audit entry.</summary>
    private async Task<EditResult> TransitionAsync(int id, ClaimsPrincipal user, Action<Article> change, CancellationToken cancellationToken, bool allowWriters = false)
    {
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return EditResult.Missing();
        }
        var rights = await access.RightsOfAsync(user);
        if (!(allowWriters ? rights.CanEdit(article) : rights.CanPublish))
        {
            return RefusedOrMissing(rights, article);
        }
        change(article);
        await db.SaveChangesAsync(cancellationToken);
        return EditResult.Ok(id);
    }

    /// <summary>A story goes out with a headline (the form requires one), a section (checked on save) and a body.</summary>
    private static EditResult? MissingForPublication(ArticleForm form) =>
        string.IsNullOrWhiteSpace(form.BodyMarkdown)
            ? EditResult.Invalid(nameof(ArticleForm.BodyMarkdown), "Write the story before it goes out: the body is empty. Nothing was changed.")
            : form.WorkType == WorkType.Sponsored && string.IsNullOrWhiteSpace(form.SponsorName)
                ? EditResult.Invalid(nameof(ArticleForm.SponsorName), SponsorRequired)
                : null;

    private const string SponsorRequired = "Sponsored content names who paid for it: fill in “Paid for by” before it goes out. Nothing was changed.";

    /// <summary>Copies the form onto the article; returns a problem for the form, or null.</summary>
    private async Task<(string Field, string Message)?> ApplyAsync(Article article, ArticleForm form, ClaimsPrincipal user, bool canPublish, CancellationToken cancellationToken)
    {
        var title = form.Title.Trim();
        var slug = string.IsNullOrWhiteSpace(form.Slug) ? Text.Slugify(title) : form.Slug.Trim();
        if (slug.Length == 0)
        {
            return (nameof(ArticleForm.Slug), "The headline has no letters or digits to make an address from; type an address.");
        }
        var slugTaken = await db.Articles.AnyAsync(a => a.Slug == slug && a.Id != article.Id, cancellationToken) ||
                        await db.ArticleSlugHistory.AnyAsync(h => h.Slug == slug && h.ArticleId != article.Id, cancellationToken);
        if (slugTaken)
        {
            return (nameof(ArticleForm.Slug), "Another story already uses (or used) that address. Choose a different one.");
        }
        if (!await db.Sections.AnyAsync(s => s.Id == form.SectionId, cancellationToken))
        {
            return (nameof(ArticleForm.SectionId), "Choose a section.");
        }
        var markdown = form.BodyMarkdown ?? "";
        if (article.Status != ArticleStatus.Draft && string.IsNullOrWhiteSpace(markdown))
        {
            return (nameof(ArticleForm.BodyMarkdown), "A published or scheduled story needs a body: write one, or unpublish the story first.");
        }
        if (renderer.TryRender(markdown, await bodyImages.ForAsync(markdown, cancellationToken)) is not { } body)
        {
            return (nameof(ArticleForm.BodyMarkdown), ArticleForm.TooDeeplyNested);
        }
        var media = form.HeroMediaId is { } mediaId ? await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mediaId, cancellationToken) : null;
        // An image from outside the library (the sample paper's) stays while no library image replaces or removes it.
        var keepsOutsideImage = media is null && article.HeroMediaId is null && article.HeroImageUrl is not null;
        if (media is null && !keepsOutsideImage)
        {
            foreach (var (field, value, words) in new[] { (nameof(ArticleForm.HeroImageAlt), form.HeroImageAlt, "description"), (nameof(ArticleForm.HeroImageCaption), form.HeroImageCaption, "caption"), (nameof(ArticleForm.HeroImageCredit), form.HeroImageCredit, "credit") })
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return (field, $"There is no image for this {words}: choose an image, or clear the {words}.");
                }
            }
        }

        if (article.Id != 0 && article.Slug != slug)
        {
            // The old address keeps working: it redirects to the new one.
            if (!await db.ArticleSlugHistory.AnyAsync(h => h.Slug == article.Slug, cancellationToken))
            {
                db.ArticleSlugHistory.Add(new ArticleSlugHistory { Slug = article.Slug, ArticleId = article.Id, RetiredAt = Now });
            }
            var reused = await db.ArticleSlugHistory.Where(h => h.Slug == slug && h.ArticleId == article.Id).ToListAsync(cancellationToken);
            db.ArticleSlugHistory.RemoveRange(reused);
        }

        article.Title = title;
        article.Slug = slug;
        article.Standfirst = (form.Standfirst ?? "").Trim();
        article.SectionId = form.SectionId;
        SetBody(article, markdown, body);
        ApplyHero(article, form, media);
        await ApplyTagsAsync(article, form.Tags, cancellationToken);
        // The byline, the front page and advertising are the editors' decisions: a writer's story goes out under
        // their own name, and whatever an editor set stays as it was, whatever a writer's browser posts.
        if (ApplyLabels(article, form, canPublish) is { } labelProblem)
        {
            return labelProblem;
        }
        if (canPublish)
        {
            article.IsFeatured = form.IsFeatured;
            article.NoAds = form.NoAds;
            await ApplyAuthorsAsync(article, form.AuthorIds, user, cancellationToken);
        }
        else if (article.Id == 0)
        {
            await ApplyAuthorsAsync(article, [], user, cancellationToken);
        }
        article.UpdatedAt = Now;
        return null;
    }

    /// <summary>
    /// Type of work, dateline, backstory and the Updated line. Writers label their own work (Opinion, Analysis…),
    /// but paid content is a commercial decision: only editors make a story Sponsored, name the sponsor, or take the
    /// label off; and only editors tell readers a published story was updated.
    /// </summary>
    private (string Field, string Message)? ApplyLabels(Article article, ArticleForm form, bool canPublish)
    {
        var sponsoredDecision = form.WorkType == WorkType.Sponsored || article.WorkType == WorkType.Sponsored;
        if (canPublish || !sponsoredDecision)
        {
            article.WorkType = form.WorkType;
        }
        if (canPublish)
        {
            article.SponsorName = article.WorkType == WorkType.Sponsored ? Clean(form.SponsorName) : null;
        }
        if (article.WorkType == WorkType.Sponsored && article.SponsorName is null && article.Status != ArticleStatus.Draft)
        {
            return (nameof(ArticleForm.SponsorName), SponsorRequired);
        }
        article.Dateline = Clean(form.Dateline)?.ToUpperInvariant();
        article.Backstory = Clean(form.Backstory);
        if (form.ShowUpdated && canPublish)
        {
            if (article.Status != ArticleStatus.Published)
            {
                return (nameof(ArticleForm.ShowUpdated), "Readers have not seen this story yet, so there is no update to show: untick “Show an Updated time”.");
            }
            if (Clean(form.UpdateReason) is not { } reason)
            {
                return (nameof(ArticleForm.UpdateReason), "Say in a few words what changed, for the Updated line readers see.");
            }
            article.ShownUpdatedAt = Now;
            article.UpdateReason = reason;
        }
        return null;
    }

    private void SetBody(Article article, string markdown, RenderedBody? rendered = null)
    {
        var body = rendered ?? renderer.Render(markdown);
        article.BodyMarkdown = markdown;
        article.BodyHtml = body.Html;
        article.BodyText = body.Text;
        article.ParagraphEnds = body.ParagraphEnds;
        article.ReadingTimeMinutes = body.ReadingTimeMinutes;
    }

    private static void ApplyHero(Article article, ArticleForm form, MediaItem? media)
    {
        if (media is null)
        {
            if (article.HeroMediaId is not null)
            {
                // The library image was taken off the story.
                article.HeroMediaId = null;
                article.HeroImageUrl = article.HeroImageAlt = article.HeroImageCaption = article.HeroImageCredit = null;
                article.HeroImageWidth = article.HeroImageHeight = null;
            }
            else if (article.HeroImageUrl is not null)
            {
                // An image from outside the library (the sample paper's) stays; its words can still be edited.
                article.HeroImageAlt = Clean(form.HeroImageAlt) ?? article.HeroImageAlt;
                article.HeroImageCaption = Clean(form.HeroImageCaption);
                article.HeroImageCredit = Clean(form.HeroImageCredit);
            }
            return;
        }
        var widths = MediaUrls.ParseWidths(media.VariantWidths);
        var shownWidth = widths.Count == 0 ? media.Width : widths[^1];
        article.HeroMediaId = media.Id;
        article.HeroImageUrl = MediaUrls.Default(media.StoragePath, media.VariantWidths);
        article.HeroImageWidth = shownWidth;
        article.HeroImageHeight = (int)Math.Round(media.Height * (shownWidth / (double)media.Width));
        article.HeroImageAlt = Clean(form.HeroImageAlt) ?? media.AltText;
        article.HeroImageCaption = Clean(form.HeroImageCaption) ?? media.Caption;
        article.HeroImageCredit = Clean(form.HeroImageCredit) ?? media.Credit;
    }

    private async Task ApplyTagsAsync(Article article, string? tagList, CancellationToken cancellationToken)
    {
        var names = (tagList ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(n => n.Length <= 100 && Text.Slugify(n).Length > 0)
            .DistinctBy(Text.Slugify).Take(20).ToList();
        var slugs = names.Select(Text.Slugify).ToList();
        var existing = await db.Tags.Where(t => slugs.Contains(t.Slug)).ToDictionaryAsync(t => t.Slug, cancellationToken);
        // A renamed tag's old name still finds it.
        var renamed = await db.TagSlugHistory.Where(h => slugs.Contains(h.Slug)).Include(h => h.Tag).ToDictionaryAsync(h => h.Slug, h => h.Tag, cancellationToken);

        var wanted = names.Select(name =>
        {
            var slug = Text.Slugify(name);
            return existing.GetValueOrDefault(slug) ?? renamed.GetValueOrDefault(slug) ?? (existing[slug] = db.Tags.Add(new Tag { Name = name, Slug = slug }).Entity);
        }).DistinctBy(t => t.Slug).ToList();

        article.Tags.RemoveAll(at => !wanted.Any(t => t.Id != 0 && t.Id == at.TagId));
        foreach (var tag in wanted.Where(t => t.Id == 0 || article.Tags.All(at => at.TagId != t.Id)))
        {
            article.Tags.Add(new ArticleTag { Article = article, Tag = tag });
        }
        foreach (var articleTag in article.Tags)
        {
            articleTag.Position = wanted.FindIndex(t => ReferenceEquals(t, articleTag.Tag) || (t.Id != 0 && t.Id == articleTag.TagId));
        }
    }

    private async Task ApplyAuthorsAsync(Article article, IReadOnlyList<int> authorIds, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var ids = authorIds.Distinct().ToList();
        var valid = await db.Authors.Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken);
        var ordered = ids.Where(valid.Contains).ToList();
        if (ordered.Count == 0)
        {
            var own = await OwnBylineAsync(user, cancellationToken);
            if (own.Id == 0)
            {
                // A profile made just now is saved with the story, in the same SaveChanges.
                article.Authors.Clear();
                article.Authors.Add(new ArticleAuthor { Article = article, Author = own, Position = 0 });
                return;
            }
            ordered.Add(own.Id);
        }
        article.Authors.RemoveAll(a => !ordered.Contains(a.AuthorId));
        foreach (var authorId in ordered.Where(id => article.Authors.All(a => a.AuthorId != id)))
        {
            article.Authors.Add(new ArticleAuthor { Article = article, AuthorId = authorId });
        }
        foreach (var byline in article.Authors)
        {
            byline.Position = ordered.IndexOf(byline.AuthorId);
        }
    }

    /// <summary>The signed-in person's own author profile, made from their name the first time they need one.</summary>
    private async Task<Author> OwnBylineAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var staff = await db.Users.Include(u => u.Author).FirstOrDefaultAsync(u => u.Id == userId, cancellationToken)
            ?? throw new InvalidOperationException("The signed-in user no longer exists.");
        if (staff.Author is not null)
        {
            return staff.Author;
        }
        var name = string.IsNullOrWhiteSpace(staff.DisplayName) ? staff.Email ?? "Staff" : staff.DisplayName;
        var baseSlug = Text.Slugify(name) is { Length: > 0 } s ? s : "staff";
        var slug = baseSlug;
        for (var n = 2; await db.Authors.AnyAsync(a => a.Slug == slug, cancellationToken); n++)
        {
            slug = $"{baseSlug}-{n}";
        }
        staff.Author = new Author { Name = name, Slug = slug };
        return staff.Author;
    }

    /// <summary>
    /// Records the article as it now stands. The saver's own working copy (their autosaves) becomes this revision when
    /// it is the newest, and is dropped otherwise: autosaves never pile up in the history.
    /// </summary>
    private async Task AddRevisionAsync(Article article, ClaimsPrincipal user, string note, CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var last = article.Id == 0 ? 0 : await db.ArticleRevisions.Where(r => r.ArticleId == article.Id).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0;
        var workingCopy = article.Id == 0 ? null : await db.ArticleRevisions.FirstOrDefaultAsync(r => r.ArticleId == article.Id && r.IsAutosave && r.CreatedByUserId == userId, cancellationToken);
        ArticleRevision revision;
        if (workingCopy is not null && workingCopy.Number == last)
        {
            revision = workingCopy;
        }
        else
        {
            if (workingCopy is not null)
            {
                db.ArticleRevisions.Remove(workingCopy);
            }
            revision = new ArticleRevision { Article = article, Number = last + 1, Title = "" };
            db.ArticleRevisions.Add(revision);
        }
        revision.IsAutosave = false;
        revision.Title = article.Title;
        revision.Standfirst = article.Standfirst;
        revision.BodyMarkdown = article.BodyMarkdown;
        revision.CreatedAt = Now;
        revision.CreatedByUserId = userId;
        revision.CreatedByName = await StaffNameAsync(userId, cancellationToken);
        revision.Note = note.Length <= MaxNoteLength ? note : note[..MaxNoteLength];
        revision.ArticleVersion = article.Version;
        var details = await DetailsOfAsync(FormOf(article), cancellationToken);
        // A byline profile made with this save has no id yet: its name comes from the entity itself.
        revision.Details = (details with { Byline = article.Authors.OrderBy(a => a.Position).Select(a => a.Author?.Name).OfType<string>().ToList() is { Count: > 0 } names ? names : details.Byline }).ToJson();
    }

    /// <summary>The names a diff shows for the form's choices, and the ids a merge or a working copy needs.</summary>
    private async Task<RevisionDetails> DetailsOfAsync(ArticleForm form, CancellationToken cancellationToken)
    {
        var authorIds = form.AuthorIds;
        var authors = await db.Authors.AsNoTracking().Where(a => authorIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var hero = form.HeroMediaId is { } heroId ? await db.Media.AsNoTracking().Where(m => m.Id == heroId).Select(m => m.OriginalFileName).FirstOrDefaultAsync(cancellationToken) : null;
        return new RevisionDetails
        {
            Slug = form.Slug,
            SectionId = form.SectionId,
            Section = await db.Sections.AsNoTracking().Where(s => s.Id == form.SectionId).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken) ?? "",
            Tags = TagNames(form.Tags),
            AuthorIds = authorIds,
            Byline = authorIds.Where(authors.ContainsKey).Select(id => authors[id]).ToList(),
            HeroMediaId = form.HeroMediaId,
            Hero = hero,
            HeroImageAlt = form.HeroImageAlt,
            HeroImageCaption = form.HeroImageCaption,
            HeroImageCredit = form.HeroImageCredit,
            IsFeatured = form.IsFeatured,
            NoAds = form.NoAds,
            PublishAt = form.PublishAt,
            WorkType = form.WorkType,
            SponsorName = form.SponsorName,
            Dateline = form.Dateline,
            Backstory = form.Backstory,
        };
    }

    // ArticleRevision.Note's column.
    private const int MaxNoteLength = 200;

    private static List<string> TagNames(string? tags) =>
        (tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>"By" names a person: the staff member's display name, their address only when they have none.</summary>
    private async Task<string> StaffNameAsync(string? userId, CancellationToken cancellationToken)
    {
        var staff = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.DisplayName, u.Email }).FirstOrDefaultAsync(cancellationToken);
        return staff is null ? "" : string.IsNullOrWhiteSpace(staff.DisplayName) ? staff.Email ?? "" : staff.DisplayName;
    }

    /// <summary>The form as it stood at an earlier version of the story, from that version's revision; null when it was not kept.</summary>
    private async Task<ArticleForm?> FormAtVersionAsync(int articleId, int version, CancellationToken cancellationToken)
    {
        var revision = await db.ArticleRevisions.AsNoTracking()
            .Where(r => r.ArticleId == articleId && r.ArticleVersion == version && !r.IsAutosave)
            .OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);
        return revision is null ? null : FormOf(revision, articleId, version);
    }

    private static ArticleForm FormOf(ArticleRevision revision, int articleId, int version)
    {
        var details = RevisionDetails.FromJson(revision.Details) ?? new RevisionDetails();
        return new ArticleForm
        {
            Id = articleId,
            Version = version,
            Title = revision.Title,
            Standfirst = revision.Standfirst,
            BodyMarkdown = revision.BodyMarkdown,
            Slug = details.Slug,
            SectionId = details.SectionId,
            Tags = string.Join(", ", details.Tags),
            AuthorIds = details.AuthorIds,
            HeroMediaId = details.HeroMediaId,
            HeroImageAlt = details.HeroImageAlt,
            HeroImageCaption = details.HeroImageCaption,
            HeroImageCredit = details.HeroImageCredit,
            IsFeatured = details.IsFeatured,
            NoAds = details.NoAds,
            PublishAt = details.PublishAt,
            WorkType = details.WorkType,
            SponsorName = details.SponsorName,
            Dateline = details.Dateline,
            Backstory = details.Backstory,
        };
    }

    /// <summary>
    /// This editor's form merged with what was saved since the version they started from, or null when the two
    /// changed the same thing (or the starting version was not kept, and the choices beside the text differ).
    /// </summary>
    private async Task<ArticleForm?> MergeAsync(Article current, ArticleForm mine, CancellationToken cancellationToken)
    {
        var theirs = FormOf(current);
        var @base = await FormAtVersionAsync(current.Id, mine.Version, cancellationToken);
        if (@base is null)
        {
            return null;
        }
        var baseRevision = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == current.Id && r.ArticleVersion == mine.Version && !r.IsAutosave)
            .Select(r => r.Details).FirstOrDefaultAsync(cancellationToken);
        if (baseRevision is null)
        {
            // Only the text was recorded then: the choices beside it merge only when both sides agree on them.
            @base = theirs with { Title = @base.Title, Standfirst = @base.Standfirst, BodyMarkdown = @base.BodyMarkdown };
        }
        else if (@base.AuthorIds.Contains(0))
        {
            // The base save made the writer's byline profile, which had no id yet when the revision was written.
            @base = @base with { AuthorIds = @base.AuthorIds.Select(id => id == 0 ? theirs.AuthorIds.Except(@base.AuthorIds).FirstOrDefault() : id).ToList() };
        }
        return ArticleMerge.Merge(@base, theirs, mine);
    }

    private async Task<string> LastSaverAsync(int articleId, CancellationToken cancellationToken) =>
        await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == articleId && !r.IsAutosave)
            .OrderByDescending(r => r.Number).Select(r => r.CreatedByName).FirstOrDefaultAsync(cancellationToken) is { Length: > 0 } name ? name : "someone";

    private async Task<ConflictInfo> ConflictAsync(Article current, ArticleForm mine, CancellationToken cancellationToken)
    {
        var lastRevision = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == current.Id && !r.IsAutosave)
            .OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);
        return new ConflictInfo(
            lastRevision?.CreatedByName ?? "someone",
            lastRevision?.CreatedAt ?? current.UpdatedAt,
            current.Title,
            current.Standfirst,
            current.BodyMarkdown,
            RevisionDiff.Lines(current.BodyMarkdown, mine.BodyMarkdown ?? ""));
    }

    private async Task<EditorPage> PageAsync(ArticleForm form, Article? article, ArticleRights rights, CancellationToken cancellationToken)
    {
        var sections = await db.Sections.AsNoTracking().OrderBy(s => s.Position).Select(s => new Option(s.Id, s.Name)).ToListAsync(cancellationToken);
        var authors = await db.Authors.AsNoTracking().OrderBy(a => a.Name).Select(a => new Option(a.Id, a.Name)).ToListAsync(cancellationToken);
        // The newest images, and always the story's own: missing from the list, it would be removed on the next save.
        var current = form.HeroMediaId;
        var media = await db.Media.AsNoTracking().OrderByDescending(m => m.UploadedAt).Take(200)
            .Select(m => new Option(m.Id, m.AltText + " (" + m.OriginalFileName + ")")).ToListAsync(cancellationToken);
        if (current is not null && media.All(m => m.Id != current))
        {
            media.InsertRange(0, await db.Media.AsNoTracking().Where(m => m.Id == current)
                .Select(m => new Option(m.Id, m.AltText + " (" + m.OriginalFileName + ")")).ToListAsync(cancellationToken));
        }
        var sectionSlug = article is null ? null : await db.Sections.Where(s => s.Id == article.SectionId).Select(s => s.Slug).FirstOrDefaultAsync(cancellationToken);
        return new EditorPage(
            form,
            sections,
            authors,
            media,
            article?.Status,
            article is { Status: ArticleStatus.Published, DeletedAt: null } && sectionSlug is not null ? SiteUrls.Article(sectionSlug, article.Slug) : null,
            article?.DeletedAt is not null,
            rights.CanPublish,
            article?.ReviewRequestedAt is not null)
        {
            ZoneName = ZoneName,
            ShownUpdated = article?.ShownUpdatedAt is { } shown ? $"{ToLocal(shown):d MMM yyyy, HH:mm} {ZoneName}" + (article.UpdateReason is { } why ? $" — {why}" : "") : null,
            GoesOutAt = article is { Status: ArticleStatus.Scheduled, PublishedAt: { } due } ? ToLocal(due) : null,
        };
    }

    private string ZoneName => dates.ZoneName;

    private ArticleForm FormOf(Article article) => new()
    {
        Id = article.Id,
        Version = article.Version,
        Title = article.Title,
        Slug = article.Slug,
        Standfirst = article.Standfirst,
        SectionId = article.SectionId,
        Tags = string.Join(", ", article.Tags.OrderBy(t => t.Position).ThenBy(t => t.Tag.Name).Select(t => t.Tag.Name)),
        AuthorIds = article.Authors.OrderBy(a => a.Position).Select(a => a.AuthorId).ToList(),
        HeroMediaId = article.HeroMediaId,
        HeroImageAlt = article.HeroImageAlt,
        HeroImageCaption = article.HeroImageCaption,
        HeroImageCredit = article.HeroImageCredit,
        IsFeatured = article.IsFeatured,
        NoAds = article.NoAds,
        WorkType = article.WorkType,
        SponsorName = article.SponsorName,
        Dateline = article.Dateline,
        Backstory = article.Backstory,
        BodyMarkdown = article.BodyMarkdown,
        PublishAt = article.Status == ArticleStatus.Scheduled && article.PublishedAt is { } due ? ToLocal(due) : null,
    };

    public DateTime ToLocal(DateTime utc) => dates.ToLocal(utc);

    private bool IsUniqueViolation(DbUpdateException exception) => database.IsUniqueViolation(exception);

    private static EditResult RefusedOrMissing(ArticleRights rights, Article article) =>
        rights.MayKnowOf(article) ? EditResult.Refused() : EditResult.Missing();

    private static string Describe(Article article) => PublishingWorkflow.Describe(article);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
