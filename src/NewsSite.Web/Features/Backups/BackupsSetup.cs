using NewsSite.Web.Infrastructure;

namespace NewsSite.Web.Features.Backups;

/// <summary>Backups and restores: the service that makes them, the schedule, the administrators' page and the two commands.</summary>
public static class BackupsSetup
{
    public static WebApplicationBuilder AddBackups(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.SectionName).ValidateWith(new BackupOptionsValidator()).ValidateOnStart();
        builder.Services.AddSingleton<BackupService>();
        builder.Services.AddSingleton<BackupRestorer>();
        builder.Services.AddSingleton<BackupSchedule>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BackupSchedule>());
        return builder;
    }
}
