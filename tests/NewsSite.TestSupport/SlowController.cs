namespace NewsSite.TestSupport;

/// <summary>A page that takes until its reader gives up, to see what the site does when a client hangs up mid-page.</summary>
[Microsoft.AspNetCore.Mvc.ApiExplorerSettings(IgnoreApi = true)]
public sealed class SlowController : Microsoft.AspNetCore.Mvc.Controller
{
    [Microsoft.AspNetCore.Mvc.HttpGet("/test/slow")]
    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> Slow(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return Ok();
    }

    /// <summary>Work the site gives up on itself, with its reader still waiting: a failure, not a hang-up.</summary>
    [Microsoft.AspNetCore.Mvc.HttpGet("/test/timeout")]
    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> TimesOut()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Task.Delay(Timeout.Infinite, timeout.Token);
        return Ok();
    }
}
