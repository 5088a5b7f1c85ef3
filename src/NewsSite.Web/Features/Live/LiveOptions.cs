using System.ComponentModel.DataAnnotations;

namespace NewsSite.Web.Features.Live;

/// <summary>How often a reader's page asks for new entries, and how long a node keeps its answer.</summary>
public sealed class LiveOptions
{
    public const string SectionName = "Live";

    /// <summary>Seconds between a reader's polls of a running live story.</summary>
    [Range(1, 600)]
    public int PollSeconds { get; set; } = 15;

    /// <summary>
    /// Seconds the latest-entries resource is kept, by the page cache and by anyone between us and the reader. Every
    /// reader of a busy story asks for it, so it is one cached answer per story; a change evicts it anyway.
    /// </summary>
    [Range(1, 60)]
    public int UpdatesCacheSeconds { get; set; } = 5;
}
