using System.Runtime.CompilerServices;

namespace NewsSite.Web.Infrastructure.Database;

internal static class CompiledModel
{
    /// <summary>
    /// Builds the engine's compiled model (its static constructor, ~50 ms on a small server) on the thread pool as soon
    /// as the engine is chosen, while the main thread still puts the host together and the second core idles. Otherwise
    /// the database's start-up work builds it with its first context, on the path to the first answer. A context that
    /// asks for it sooner waits for the same constructor.
    /// </summary>
    public static void BuildAhead(Type model) =>
        ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            try
            {
                RuntimeHelpers.RunClassConstructor(model.TypeHandle);
            }
            catch (TypeInitializationException)
            {
                // Not here, on a pool thread, where it would end the process: the first context meets the same error and
                // the database's start-up work reports it.
            }
        }, null);
}
