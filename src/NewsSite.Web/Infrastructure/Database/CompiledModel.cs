using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Query;

namespace NewsSite.Web.Infrastructure.Database;

internal static class CompiledModel
{
    /// <summary>
    /// Builds the engine's compiled model (its static constructor, ~50 ms on a small server) ahead, as soon as the
    /// engine is chosen; otherwise the database's start-up work builds it with its first context, on the path to the
    /// first answer. A context that asks for it sooner waits for the same constructor. EF's table of LINQ methods
    /// (another ~50 ms, read by the first query a page makes) is built after it.
    /// </summary>
    public static void BuildAhead(Type model) =>
        StartupWarmUp.Queue(() =>
        {
            RuntimeHelpers.RunClassConstructor(model.TypeHandle);
            RuntimeHelpers.RunClassConstructor(typeof(QueryableMethods).TypeHandle);
        });
}
