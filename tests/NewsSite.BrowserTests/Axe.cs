using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace NewsSite.BrowserTests;

/// <summary>
/// axe-core's serious and critical findings on a page (every frame of it) or on one part of a page, as lines a failed
/// assertion can print.
/// </summary>
/// <remarks>
/// axe-core runs in the page directly, the script Deque's package bundles. Deque's own Playwright runner opens a blank
/// page for every run to put the frames' results together, and carries back a snippet of every element every rule
/// passed: about two seconds a page on CI's two cores, where axe itself takes a few hundred milliseconds.
/// </remarks>
public static class Axe
{
    private static readonly string Source = new BundledAxeScriptProvider().GetScript();

    // Every rule runs; only violations are gathered element by element.
    private const string Report = """
        async (context) => (await axe.run(context ?? document, { resultTypes: ['violations'] })).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.id} [${v.impact}] ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)
        """;

    public static async Task<IReadOnlyList<string>> SeriousProblemsAsync(IPage page, string where)
    {
        var problems = new List<string>();
        // A frame (an ad's sandbox, a preview) is a document of its own: axe runs in each.
        foreach (var frame in page.Frames)
        {
            await frame.EvaluateAsync(Source);
            var found = await frame.EvaluateAsync<string[]>(Report);
            var name = frame == page.MainFrame ? where : $"{where}, frame {frame.Url}";
            problems.AddRange(found.Select(problem => $"{name}: {problem}"));
        }
        return problems;
    }

    public static async Task<IReadOnlyList<string>> SeriousProblemsAsync(ILocator part, string where)
    {
        await part.Page.EvaluateAsync(Source);
        return (await part.EvaluateAsync<string[]>(Report)).Select(problem => $"{where}: {problem}").ToList();
    }
}
