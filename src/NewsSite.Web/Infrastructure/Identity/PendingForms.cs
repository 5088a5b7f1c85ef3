using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Admin;

namespace NewsSite.Web.Infrastructure.Identity;

/// <summary>
/// Keeps a newsroom form that was posted after the session lapsed, so the text survives the trip through sign-in,
/// and completes it when its author is back: the resume link replays the post through the normal pipeline, where the
/// form's own antiforgery token must still match the person now signed in (anyone else gets a 400, and nothing runs).
/// Works without JavaScript, and on any node (the form waits in the database).
/// </summary>
public sealed class PendingForms(NewsDbContext db, TimeProvider clock, IDataProtectionProvider protection, Security.IAttemptCounter counter)
{
    public const string ResumePath = AdminUrls.ResumeForm;

    /// <summary>
    /// Only the forms where a person writes at length are kept: stories and newsletters. Nothing with a password or a
    /// code, and nothing an anonymous stranger could use to fill the database.
    /// </summary>
    private static readonly HashSet<string> KeptPaths = new(StringComparer.OrdinalIgnoreCase)
    {
        AdminUrls.Articles + "/save", AdminUrls.Articles + "/submit", AdminUrls.Articles + "/publish", AdminUrls.Articles + "/schedule",
        AdminUrls.Newsletters + "/save",
    };

    // A lapsed session posts a form or two; a client posting more than this in an hour is not an editor.
    private const int KeptPerClientPerHour = 20;

    private readonly IDataProtector protector = protection.CreateProtector("NewsSite.PendingForms");

    // Big enough for the longest article body the editor accepts (200,000 characters, URL-encoded), and no bigger.
    private const int MaxFormBytes = 2_000_000;
    private static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    /// <summary>Keeps the posted form and returns the resume link's path, or null if this post is not one to keep.</summary>
    public async Task<string?> KeepAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(request.Method) || !KeptPaths.Contains(request.Path.Value ?? "") || !request.HasFormContentType ||
            request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true ||
            request.ContentLength is null or > MaxFormBytes)
        {
            return null;
        }
        var form = await request.ReadFormAsync(cancellationToken);
        if (!form.ContainsKey("__RequestVerificationToken") ||
            await counter.AddAsync("kept-forms:" + Security.ClientAddress.PartitionKey(request.HttpContext), TimeSpan.FromHours(1), cancellationToken) > KeptPerClientPerHour)
        {
            return null;
        }
        var encoded = string.Join('&', form
            .Where(field => !field.Key.Contains("Password", StringComparison.OrdinalIgnoreCase))
            .SelectMany(field => field.Value.Select(value => $"{Uri.EscapeDataString(field.Key)}={Uri.EscapeDataString(value ?? "")}")));
        var key = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(24));
        var now = clock.GetUtcNow().UtcDateTime;
        await db.PendingFormPosts.Where(p => p.CreatedAt < now - KeptFor).ExecuteDeleteAsync(cancellationToken);
        db.PendingFormPosts.Add(new PendingFormPost
        {
            KeyHash = Hash(key),
            Path = request.Path.Value!,
            // Encrypted at rest: a draft can be as sensitive as anything in the newsroom.
            Form = protector.Protect(encoded),
            Summary = form.TryGetValue("Title", out var title) ? Shorten(title.ToString(), 300) : null,
            CreatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        return $"{ResumePath}/{key}";
    }

    public async Task<PendingFormPost?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var hash = Hash(key);
        var cutoff = clock.GetUtcNow().UtcDateTime - KeptFor;
        return await db.PendingFormPosts.AsNoTracking().FirstOrDefaultAsync(p => p.KeyHash == hash && p.CreatedAt >= cutoff, cancellationToken);
    }

    public Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        var hash = Hash(key);
        return db.PendingFormPosts.Where(p => p.KeyHash == hash).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The kept form, or null when it can no longer be read (the key ring that encrypted it is gone).</summary>
    private string? Unprotect(string form)
    {
        try
        {
            return protector.Unprotect(form);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Shorten(string value, int max) => value.Length > max ? value[..max] : value;

    /// <summary>The sign-in redirect for a lapsed session: a posted form is kept and the person comes back to finish it.</summary>
    public static async Task RedirectToSignInAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var request = context.Request;
        if (request.Headers.XRequestedWith == "XMLHttpRequest")
        {
            // A script gets a 401 it can act on, as ASP.NET Core's default does.
            context.Response.Headers.Location = context.RedirectUri;
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        if (request.Path.StartsWithSegments(AdminUrls.Home) && !request.Path.StartsWithSegments(IdentitySetup.SignInPath) &&
            context.HttpContext.RequestServices.GetRequiredService<PendingForms>() is var pending &&
            await pending.KeepAsync(request, context.HttpContext.RequestAborted) is { } resume)
        {
            context.RedirectUri = QueryHelpers.AddQueryString(IdentitySetup.SignInPath, context.Options.ReturnUrlParameter, resume);
        }
        context.Response.Redirect(context.RedirectUri);
    }

    /// <summary>
    /// Replays a kept form when its resume link is opened by a signed-in person; runs before routing so the replayed
    /// post goes to its own action, with its own authorization, antiforgery and validation.
    /// </summary>
    public static async Task ResumeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if (!HttpMethods.IsGet(context.Request.Method) || !path.StartsWithSegments(ResumePath, out var rest) ||
            rest.Value?.TrimStart('/') is not { Length: > 0 } key || key.Contains('/'))
        {
            await next(context);
            return;
        }
        var signedIn = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var pending = context.RequestServices.GetRequiredService<PendingForms>();
        if (!signedIn.Succeeded || await pending.FindAsync(key, context.RequestAborted) is not { } kept || pending.Unprotect(kept.Form) is not { } form)
        {
            await next(context);
            return;
        }

        var body = Encoding.UTF8.GetBytes(form);
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = kept.Path;
        context.Request.QueryString = QueryString.Empty;
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body);
        await next(context);

        // Saved (a redirect back into the newsroom), or shown again with the text in the editor (a conflict): done.
        // Anything else (a refused token, a refusal, a validation message) keeps the copy until it expires, so the
        // text is never the price of an error.
        var location = context.Response.Headers.Location.ToString();
        var saved = context.Response.StatusCode is >= 300 and < 400 && location.StartsWith(AdminUrls.Home + "/", StringComparison.Ordinal) &&
            !location.StartsWith(AdminUrls.AccessDenied, StringComparison.Ordinal) && !location.StartsWith(IdentitySetup.SignInPath, StringComparison.Ordinal);
        if (saved || context.Response.StatusCode == StatusCodes.Status409Conflict)
        {
            await pending.RemoveAsync(key, CancellationToken.None);
        }
    }
}
