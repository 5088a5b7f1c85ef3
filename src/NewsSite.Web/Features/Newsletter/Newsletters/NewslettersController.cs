using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Features.Admin;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Newsletter.Newsletters;

public sealed record NewsletterForm
{
    public int? Id { get; init; }

    [Required(ErrorMessage = "Give the newsletter a name."), StringLength(100, ErrorMessage = "Keep the name under 100 characters.")]
    public string Name { get; init; } = "";

    [StringLength(100), RegularExpression("^[a-z0-9]+(?:-[a-z0-9]+)*$", ErrorMessage = "Use lower-case letters, digits and single hyphens only.")]
    public string? Slug { get; init; }

    [StringLength(500, ErrorMessage = "Keep the description under 500 characters.")]
    public string? Description { get; init; }

    [StringLength(100, ErrorMessage = "Keep the sender name under 100 characters.")]
    public string? SenderName { get; init; }

    public List<int> SectionIds { get; init; } = [];

    public bool IsActive { get; init; } = true;

    [Range(0, 10_000)]
    public int Position { get; init; }

    public bool IsDigest { get; init; }

    /// <summary>The ticked days' bits (1 = Sunday … 64 = Saturday), summed on save.</summary>
    public List<int> DigestDays { get; init; } = [];

    [RegularExpression("^([01][0-9]|2[0-3]):[0-5][0-9]$", ErrorMessage = "Give the time as hours and minutes, like 07:00.")]
    public string? DigestTime { get; init; } = "07:00";

    [Range(1, 50, ErrorMessage = "A digest carries between 1 and 50 stories.")]
    public int DigestMaxStories { get; init; } = 10;

    public static NewsletterForm From(NewsletterSettings settings) => new()
    {
        Id = settings.Id,
        Name = settings.Name,
        Slug = settings.Slug,
        Description = settings.Description,
        SenderName = settings.SenderName,
        SectionIds = settings.SectionIds.ToList(),
        IsActive = settings.IsActive,
        Position = settings.Position,
        IsDigest = settings.IsDigest,
        DigestDays = Enum.GetValues<DayOfWeek>().Select(DigestSchedule.Bit).Where(bit => (settings.DigestDays & bit) != 0).ToList(),
        DigestTime = string.Create(CultureInfo.InvariantCulture, $"{settings.DigestMinuteOfDay / 60:00}:{settings.DigestMinuteOfDay % 60:00}"),
        DigestMaxStories = settings.DigestMaxStories,
    };

    public NewsletterSettings ToSettings() => new(Id, Name, Slug, Description, SenderName, SectionIds, IsActive, Position, IsDigest,
        DigestDays.Where(bit => bit is > 0 and <= DigestSchedule.EveryDay).Aggregate(0, (all, bit) => all | bit),
        TimeOnly.TryParseExact(DigestTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time.Hour * 60 + time.Minute : 0,
        DigestMaxStories);
}

public sealed record NewsletterListsPage(IReadOnlyList<NewsletterRow> Newsletters) : IAdminPage
{
    public string Title => "Newsletters and digests";
}

public sealed record NewsletterEditPage(NewsletterForm Form, IReadOnlyList<SectionChoice> Sections, string ZoneName) : IAdminPage
{
    public string Title => Form.Id is null ? "New newsletter" : $"Newsletter settings: {Form.Name}";
}

/// <summary>The newsletters readers can choose, and the digests the job builds; their issues are IssuesController's.</summary>
[Authorize(Policy = Policies.ManageSite), Route("/admin/newsletters/lists")]
public sealed class NewslettersController(NewsletterLists lists, Shared.DateDisplay dates) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(new NewsletterListsPage(await lists.ListAsync(cancellationToken)));

    [HttpGet("new")]
    public async Task<IActionResult> New(CancellationToken cancellationToken) => View("Edit", await PageAsync(new NewsletterForm(), cancellationToken));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken) =>
        await lists.LoadAsync(id, cancellationToken) is { } settings ? View(await PageAsync(NewsletterForm.From(settings), cancellationToken)) : NotFound();

    [HttpPost("save")]
    public async Task<IActionResult> Save(NewsletterForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await lists.SaveAsync(form.ToSettings(), cancellationToken);
            if (result.NotFound)
            {
                return NotFound();
            }
            if (result.Problem is not { } problem)
            {
                Flash(form.Id is null ? "Newsletter created." : "Newsletter saved.");
                return LocalRedirect(AdminUrls.NewsletterList(result.Id!.Value));
            }
            ModelState.AddModelError("", problem);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Edit", await PageAsync(form, cancellationToken));
    }

    private async Task<NewsletterEditPage> PageAsync(NewsletterForm form, CancellationToken cancellationToken) =>
        new(form, await lists.SectionsAsync(cancellationToken), dates.ZoneName);
}
