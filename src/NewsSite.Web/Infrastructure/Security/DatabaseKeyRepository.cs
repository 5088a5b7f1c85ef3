using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.Repositories;
using NewsSite.Data;
using NewsSite.Web.Infrastructure.Database;

namespace NewsSite.Web.Infrastructure.Security;

/// <summary>
/// The key ring's rows in the site's database (the <c>DataProtectionKeys</c> table of ASP.NET Core's EF Core store).
/// It does what that store's repository does, with two differences. The keys are read with plain SQL: the ring is read
/// during every node's start-up, and that store's LINQ query was the process's first, so it paid EF Core's one-time
/// query set-up on the path to the first answer (<see cref="PlainSqlReads"/>). And a row that is not valid XML is
/// skipped with a warning, where that store throws: one damaged row would otherwise stop every node from starting and
/// sign everyone out. Empty rows are passed over, as that store passes them over.
/// </summary>
internal sealed class DatabaseKeyRepository(IServiceScopeFactory scopes, ILogger<DatabaseKeyRepository> logger) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var elements = new List<XElement>();
        foreach (var xml in db.Database.ReadColumn("""SELECT "Xml" FROM "DataProtectionKeys" WHERE "Xml" IS NOT NULL AND "Xml" <> '' ORDER BY "Id" """))
        {
            try
            {
                elements.Add(XElement.Parse(xml));
            }
            catch (XmlException exception)
            {
                // One damaged row must not take the other keys (and every sign-in) with it.
                logger.LogWarning(exception, "A data-protection key in the database is not valid XML and was skipped");
            }
        }
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
