namespace NewsSite.Web.Infrastructure;

/// <summary>
/// One-time work that the path to the first answer would otherwise do itself, started on the thread pool while the
/// main thread still puts the host together and the second core idles (about a quarter of a second on a two-core
/// server). Only work that needs nothing from the host belongs here: static constructors and the runtime's own first
/// uses. bench/README.md ("Start-up against a reference") has the measurements.
/// </summary>
internal static class StartupWarmUp
{
    public static void Queue(Action work) =>
        ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            try
            {
                work();
            }
            catch (Exception)
            {
                // Not here, on a pool thread, where it would end the process: the real first use meets the same error
                // where it can be reported (the database's start-up work, a request's error page).
            }
        }, null);
}
