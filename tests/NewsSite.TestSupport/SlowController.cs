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
}
