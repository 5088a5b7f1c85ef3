using System.ComponentModel.DataAnnotations;

namespace NewsSite.Web.Features.Backups;

public sealed class BackupOptions
{
    public const string SectionName = "Backups";

    /// <summary>
    /// Where the scheduled backups and the newsroom's "Back up now" write, one folder per backup; relative paths are
    /// under Storage:DataDirectory. On a cluster, a folder every node shares, so they count one schedule.
    /// </summary>
    [Required, StringLength(1000)]
    public string Directory { get; set; } = "backups";

    /// <summary>Hours between scheduled backups; 0 turns the schedule off (the button and the command still work).</summary>
    [Range(0, 24 * 366)]
    public double EveryHours { get; set; } = 24;

    /// <summary>Complete backups kept in <see cref="Directory"/>; the oldest beyond this are deleted after each new one.</summary>
    [Range(1, 10_000)]
    public int Keep { get; set; } = 7;

    /// <summary>How often the schedule looks whether a backup is due (the first look is this long after start).</summary>
    [Range(0.05, 86_400)]
    public double CheckSeconds { get; set; } = 300;
}
