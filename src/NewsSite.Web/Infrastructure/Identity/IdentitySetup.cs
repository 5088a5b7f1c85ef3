using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Infrastructure.Identity;

public static class IdentitySetup
{
    public const string SignInPath = Features.Admin.AdminUrls.SignIn;

    /// <summary>Before routing: a resume link replays the kept form as the post it was (see <see cref="PendingForms"/>).</summary>
    public static WebApplication UseNewsFormResume(this WebApplication app)
    {
        app.Use(PendingForms.ResumeAsync);
        return app;
    }

    public static WebApplicationBuilder AddNewsIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.AddIdentityCore<StaffUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B): a long passphrase beats "Passw0rd!".
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<NewsDbContext>()
            .AddSignInManager<StaffSignInManager>()
            .AddDefaultTokenProviders();

        // Password-reset and invitation links stay valid for three days.
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(3));
        // A disabled account or a changed password ends open sessions within a minute.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        // Secure cookies outside Development. A site served over plain http (docker compose on localhost) says
        // Security:CookieSecurePolicy=SameAsRequest; behind a TLS proxy, forward the scheme instead (see README).
        var secure = builder.Configuration.GetValue<CookieSecurePolicy?>("Security:CookieSecurePolicy")
            ?? (builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = ".NewsSite.Staff";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = secure;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = SignInPath;
            cookie.LogoutPath = Features.Admin.AdminUrls.SignOut;
            cookie.AccessDeniedPath = Features.Admin.AdminUrls.AccessDenied;
            cookie.ReturnUrlParameter = "returnUrl";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            // A form posted after the session lapsed is kept through the sign-in and completed afterwards.
            cookie.Events.OnRedirectToLogin = PendingForms.RedirectToSignInAsync;
        });
        // Sessions live in the database (StaffSessionStore), so signing out ends them for good, on every node.
        builder.Services.AddSingleton<StaffSessionStore>();
        builder.Services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<StaffSessionStore>((cookie, store) => cookie.SessionStore = store);
        builder.Services.ConfigureExternalCookie(cookie => cookie.Cookie.SecurePolicy = secure);
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, cookie =>
        {
            cookie.Cookie.SecurePolicy = secure;
            cookie.Cookie.HttpOnly = true;
        });
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, cookie =>
        {
            cookie.Cookie.SecurePolicy = secure;
            cookie.Cookie.HttpOnly = true;
        });
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = ".NewsSite.Antiforgery";
            // Secure whenever the request is: "Always" would make every form page a 500 on a plain-http request.
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.Cookie.HttpOnly = true;
        });

        builder.Services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.SectionName).ValidateWith(new SignInThrottleOptionsValidator()).ValidateOnStart();
        builder.Services.AddSingleton<Security.IAttemptCounter, Security.MemoryAttemptCounter>();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<KnownDevices>();
        builder.Services.AddRateLimiter(options => options.AddPolicy(SignInThrottle.RateLimitPolicy, context => Security.CountedRateLimit.PerClient(
            context, SignInThrottle.RateLimitPolicy,
            context.RequestServices.GetRequiredService<IOptions<SignInThrottleOptions>>().Value.PostsPerClientPerMinute, TimeSpan.FromMinutes(1))));

        builder.Services.AddAuthorization(Policies.Add);
        builder.Services.AddScoped<FirstAdministrator>();
        builder.Services.AddScoped<PendingForms>();
        builder.Services.AddScoped<Features.Admin.Users.StaffAccounts>();
        return builder;
    }
}
