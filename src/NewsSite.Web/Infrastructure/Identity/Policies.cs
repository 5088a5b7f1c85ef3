using Microsoft.AspNetCore.Authorization;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Infrastructure.Identity;

/// <summary>What each role may do. Every admin action names one of these; a test checks that none is left without.</summary>
public static class Policies
{
    /// <summary>Any signed-in staff member: the dashboard, own drafts, media uploads, own account.</summary>
    public const string Staff = "Staff";

    /// <summary>Publish, schedule, unpublish, delete and edit anyone's articles.</summary>
    public const string Publish = "Publish";

    /// <summary>Sections, tags, subscribers and newsletters; the static pages (About, the policies) linked from the footer.</summary>
    public const string ManageSite = "ManageSite";

    /// <summary>
    /// The ad placements' code. Administrators only: ad code is third-party script, and whoever sets it chooses what
    /// runs (sandboxed) on every article page.
    /// </summary>
    public const string ManageAdvertising = "ManageAdvertising";

    /// <summary>Anyone's author profile (everyone may edit their own, under <see cref="Staff"/>).</summary>
    public const string EditAnyProfile = "EditAnyProfile";

    /// <summary>Staff accounts and the audit log.</summary>
    public const string ManageUsers = "ManageUsers";

    /// <summary>
    /// The paper's settings: its name, logo, time zone, navigation and footer on every page; and the site's running
    /// (the deliverability check, backups).
    /// </summary>
    public const string ManageSettings = "ManageSettings";

    /// <summary>
    /// Importing subscribers as already confirmed (no confirmation email): administrators only, because it is the
    /// paper's word that those people consented elsewhere.
    /// </summary>
    public const string ImportConfirmedSubscribers = "ImportConfirmedSubscribers";

    /// <summary>
    /// Downloading the whole paper: administrators only, because it holds every subscriber's address and the key of
    /// the consent ledger's hashes.
    /// </summary>
    public const string ExportPaper = "ExportPaper";

    /// <summary>
    /// The Prometheus metrics page (Telemetry:PrometheusPath): administrators, besides the scrapers' networks
    /// (Telemetry:MetricsNetworks). Send and bounce rates are the paper's business, not every staff member's.
    /// </summary>
    public const string ReadMetrics = "ReadMetrics";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(ExportPaper, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.Administrator));
        options.AddPolicy(ImportConfirmedSubscribers, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.Administrator));
        options.AddPolicy(Staff, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.All));
        options.AddPolicy(Publish, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.Administrator, StaffRoles.Editor));
        options.AddPolicy(ManageSite, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.Administrator, StaffRoles.Editor));
        options.AddPolicy(EditAnyProfile, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.Administrator, StaffRoles.Editor));
        options.AddPolicy(ManageAdvertising, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.Administrator));
        options.AddPolicy(ManageUsers, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.Administrator));
        options.AddPolicy(ManageSettings, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.Administrator));
        options.AddPolicy(ReadMetrics, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.Administrator));
    }
}
