using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApplicationParts;

namespace NewsSite.Web.Infrastructure;

/// <summary>
/// The site's assembly as MVC sees it, offering only its public types. MVC's own part offers every type, and finding
/// the controllers among them loads them all (views, records, closures and async state machines: thousands), about a
/// tenth of a second of each start on a small server; controllers, view components and tag helpers must be public, so
/// nothing MVC looks for is missed. The compiled views are found through their own part, which is left as it is.
/// </summary>
internal sealed class PublicTypesPart(Assembly assembly) : ApplicationPart, IApplicationPartTypeProvider
{
    public override string Name => assembly.GetName().Name!;

    public IEnumerable<TypeInfo> Types => assembly.GetExportedTypes().Select(type => type.GetTypeInfo());

    /// <summary>Puts this part in place of MVC's own part for the site's assembly.</summary>
    public static void ReplaceIn(ApplicationPartManager parts, Assembly assembly)
    {
        var index = parts.ApplicationParts.ToList().FindIndex(part => part is AssemblyPart own && own.Assembly == assembly);
        if (index < 0)
        {
            throw new InvalidOperationException($"MVC has no part for {assembly.GetName().Name}: its controllers would not be found.");
        }
        parts.ApplicationParts[index] = new PublicTypesPart(assembly);
    }
}
