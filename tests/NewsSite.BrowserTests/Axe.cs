using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace NewsSite.BrowserTests;

/// <summary>axe-core's serious and critical findings on a page or on one part of it, as lines a failed assertion can print.</summary>
/// <remarks>
/// A page with no frames of its own (most of them) gets axe-core run in it directly, the script Deque's package bundles:
/// Deque's Playwright runner opens a blank page for every run to put the frames' results together, about two seconds
/// a page on CI's two cores, where axe itself takes a few hundred milliseconds. A page with frames (an ad's sandbox)
/// still goes through Deque's runner, which checks each frame as a frame (not as a page of its own) and copes with a
/// frame that navigates or goes away while it runs.
/// </remarks>
public static class Axe
{
    private static readonly string Source = new BundledAxeScriptProvider().GetScript();

    // Every rule runs; only violations are gathered element by element.
    private static readonly AxeRunOptions ViolationsOnly = new() { ResultTypes = [ResultType.Violations] };

    private const string Report = """
        async (context) => (await axe.run(context ?? document, { resultTypes: ['violations'] })).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.id} [${v.impact}] ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' ')).join(', ')}`)
        """;

    public static async Task<IReadOnlyList<string>> SeriousProblemsAsync(IPage page, string where)
    {
        if (page.Frames.Count > 1)
        {
            return (await page.RunAxe(ViolationsOnly)).Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{where}: {v.Id} [{v.Impact}] {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")
                .ToList();
        }
        await page.EvaluateAsync(Source);
        return (await page.EvaluateAsync<string[]>(Report)).Select(problem => $"{where}: {problem}").ToList();
    }

    /// <summary>One part of the page's own document (not of a frame in it).</summary>
    public static async Task<IReadOnlyList<string>> SeriousProblemsAsync(ILocator part, string where)
    {
        await part.Page.EvaluateAsync(Source);
        return (await part.EvaluateAsync<string[]>(Report)).Select(problem => $"{where}: {problem}").ToList();
    }
}
