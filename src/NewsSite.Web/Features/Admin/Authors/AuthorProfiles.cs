using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Admin.Media;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Auditing;
using NewsSite.Web.Infrastructure.Content;
using NewsSite.Web.Infrastructure.Media;
using Links = NewsSite.Web.Features.Shared.ProfileLinks;

namespace NewsSite.Web.Features.Admin.Authors;

public sealed record ProfileForm : IValidatableObject
{
    [Required(ErrorMessage = "Give the name readers see in bylines."), StringLength(200)]
    public string Name { get; init; } = "";

    /// <summary>A library image; none for no photo.</summary>
    public int? PhotoMediaId { get; init; }

    [StringLength(200)]
    public string? JobTitle { get; init; }

    [StringLength(2000)]
    public string? Bio { get; init; }

    [StringLength(500)]
    public string? Expertise { get; init; }

    [StringLength(256), EmailAddress(ErrorMessage = "The contact address is not an email address.")]
    public string? ContactEmail { get; init; }

    [StringLength(2000)]
    public string? ProfileLinks { get; init; }

    [StringLength(50)]
    public string? XHandle { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var bad = Links.Lines(ProfileLinks).Where(line => !Links.IsWebAddress(line)).ToList();
        if (bad.Count > 0)
        {
            yield return new ValidationResult($"Each link is a whole web address starting with https:// or http://, one a line; not “{bad[0]}”.", [nameof(ProfileLinks)]);
        }
        if (Links.NormalizeHandle(XHandle) is { } handle && !Links.IsValidHandle(handle))
        {
            yield return new ValidationResult($"An X handle has letters, digits and underscores only, at most {Links.MaxHandleLength}.", [nameof(XHandle)]);
        }
    }
}

public sealed record AuthorRow(int Id, string Name, string Slug, string? JobTitle, bool HasPhoto)
{
    public string EditUrl => AdminUrls.AuthorProfile(Id);
    public string PublicUrl => SiteUrls.Author(Slug);
}

public sealed record AuthorsPage(IReadOnlyList<AuthorRow> Authors) : IAdminPage
{
    public string Title => "Authors";
}

/// <summary>A profile's edit page: its form, where it posts, the library images to choose a photo from.</summary>
public sealed record ProfilePage(ProfileForm Form, string PostUrl, string? PublicUrl, string? PhotoThumbnailUrl, IReadOnlyList<PickerItem> Photos, bool IsOwn) : IAdminPage
{
    public string Title => IsOwn ? "Your profile" : $"Profile of {Form.Name}";
}

/// <summary>
/// Author profiles: everyone edits their own (the byline their account writes under, made at the first save if they
/// have none yet); editors and administrators edit anyone's. The photo comes from the media library.
/// </summary>
public sealed class AuthorProfiles(NewsDbContext db, AuditTrail audit)
{
    public async Task<AuthorsPage> ListAsync(CancellationToken cancellationToken) =>
        new(await db.Authors.AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new AuthorRow(a.Id, a.Name, a.Slug, a.JobTitle, a.PhotoUrl != null)).ToListAsync(cancellationToken));

    /// <summary>The id of the byline the signed-in person writes under, or null when they have none yet.</summary>
    public async Task<int?> OwnAuthorIdAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.AuthorId).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<(ProfileForm Form, string Slug, string? Thumbnail)?> FormAsync(int authorId, CancellationToken cancellationToken)
    {
        var author = await db.Authors.AsNoTracking().Where(a => a.Id == authorId)
            .Select(a => new { a.Name, a.Slug, a.PhotoMediaId, a.PhotoUrl, a.JobTitle, a.Bio, a.Expertise, a.ContactEmail, a.ProfileLinks, a.XHandle })
            .FirstOrDefaultAsync(cancellationToken);
        return author is null ? null : (new ProfileForm
        {
            Name = author.Name, PhotoMediaId = author.PhotoMediaId, JobTitle = author.JobTitle, Bio = author.Bio, Expertise = author.Expertise,
            ContactEmail = author.ContactEmail, ProfileLinks = author.ProfileLinks, XHandle = author.XHandle,
        }, author.Slug, author.PhotoUrl);
    }

    /// <summary>A first profile for someone with no byline yet: their name, nothing else.</summary>
    public async Task<ProfileForm> NewOwnFormAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        return new ProfileForm { Name = string.IsNullOrWhiteSpace(name) ? user.Identity?.Name ?? "" : name };
    }

    /// <summary>Saves the signed-in person's own profile, making their byline if they have none; returns its id.</summary>
    public async Task<ProfileResult> SaveOwnAsync(ClaimsPrincipal user, ProfileForm form, CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var staff = await db.Users.Include(u => u.Author).FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (staff is null)
        {
            return ProfileResult.Missing;
        }
        if (staff.Author is null)
        {
            var baseSlug = Text.Slugify(form.Name) is { Length: > 0 } s ? s : "staff";
            var slug = baseSlug;
            for (var n = 2; await db.Authors.AnyAsync(a => a.Slug == slug, cancellationToken); n++)
            {
                slug = $"{baseSlug}-{n}";
            }
            staff.Author = new Author { Name = form.Name.Trim(), Slug = slug };
        }
        return await ApplyAsync(staff.Author, form, cancellationToken);
    }

    public async Task<ProfileResult> SaveAsync(int authorId, ProfileForm form, CancellationToken cancellationToken)
    {
        var author = await db.Authors.FirstOrDefaultAsync(a => a.Id == authorId, cancellationToken);
        return author is null ? ProfileResult.Missing : await ApplyAsync(author, form, cancellationToken);
    }

    private async Task<ProfileResult> ApplyAsync(Author author, ProfileForm form, CancellationToken cancellationToken)
    {
        if (form.PhotoMediaId is { } mediaId)
        {
            var photo = await db.Media.AsNoTracking().Where(m => m.Id == mediaId).Select(m => new { m.StoragePath, m.VariantWidths }).FirstOrDefaultAsync(cancellationToken);
            if (photo is null)
            {
                return new ProfileResult(Problem: "That image is no longer in the library; choose another.");
            }
            author.PhotoMediaId = mediaId;
            author.PhotoUrl = MediaUrls.Default(photo.StoragePath, photo.VariantWidths);
        }
        else if (author.PhotoMediaId is not null)
        {
            // "No photo" clears a library photo; a photo set outside the library (the sample's drawings) stays until one is chosen.
            author.PhotoMediaId = null;
            author.PhotoUrl = null;
        }
        author.Name = form.Name.Trim();
        author.JobTitle = Clean(form.JobTitle);
        author.Bio = (form.Bio ?? "").Trim();
        author.Expertise = Clean(form.Expertise);
        author.ContactEmail = Clean(form.ContactEmail);
        author.ProfileLinks = Links.Lines(form.ProfileLinks) is { Count: > 0 } links ? string.Join('\n', links) : null;
        author.XHandle = Links.NormalizeHandle(form.XHandle);
        audit.Record(AuditActions.ProfileEdited, $"author {author.Name}", $"profile at {SiteUrls.Author(author.Slug)}");
        await db.SaveChangesAsync(cancellationToken);
        return new ProfileResult(author.Id);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed record ProfileResult(int AuthorId = 0, string? Problem = null, bool NotFound = false)
{
    public static readonly ProfileResult Missing = new(NotFound: true);
}
