namespace NewsSite.TestSupport;

/// <summary>An endpoint that fails, to see what a visitor gets when the site has a bug.</summary>
[Microsoft.AspNetCore.Mvc.ApiExplorerSettings(IgnoreApi = true)]
public sealed class ThrowingController : Microsoft.AspNetCore.Mvc.Controller
{
    [Microsoft.AspNetCore.Mvc.HttpGet("/test/throw")]
    public Microsoft.AspNetCore.Mvc.IActionResult Throw() => throw new InvalidOperationException("Secret internals of ThrowingController");
}
