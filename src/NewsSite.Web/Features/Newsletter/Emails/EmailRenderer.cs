using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace NewsSite.Web.Features.Newsletter.Emails;

/// <summary>
/// Renders an email's two parts from Razor components: one for HTML, one for plain text. The text component is
/// rendered by the same HTML renderer and decoded afterwards, which gives back exactly the characters written, so
/// both parts come from templates and neither is built from strings in C#.
/// </summary>
public sealed class EmailRenderer(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    public async Task<(string Html, string Text)> RenderAsync<THtml, TText>(IReadOnlyDictionary<string, object?> parameters)
        where THtml : IComponent
        where TText : IComponent
    {
        // A renderer keeps every component it rendered until it is disposed: one per email keeps nothing around. It
        // asks for the components' scoped services, so it gets a scope of its own (emails are queued from background
        // work as well as from requests).
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var html = (await renderer.RenderComponentAsync<THtml>(ParameterView.FromDictionary(parameters.ToDictionary()))).ToHtmlString();
            var text = (await renderer.RenderComponentAsync<TText>(ParameterView.FromDictionary(parameters.ToDictionary()))).ToHtmlString();
            return (html, PlainText(text));
        });
    }

    // Decoded, line ends made one kind, the template's own leading and trailing blank lines dropped, and runs of
    // blank lines (left where a template's optional part was empty) folded into one.
    private static string PlainText(string rendered)
    {
        var lines = WebUtility.HtmlDecode(rendered).Replace("\r\n", "\n").Trim('\n').Split('\n');
        var kept = lines.Where((line, i) => line.Trim().Length > 0 || i == 0 || lines[i - 1].Trim().Length > 0);
        return string.Join('\n', kept).TrimEnd('\n', ' ') + "\n";
    }
}
