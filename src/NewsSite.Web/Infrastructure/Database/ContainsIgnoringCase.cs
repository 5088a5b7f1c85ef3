using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Query;

namespace NewsSite.Web.Infrastructure.Database;

/// <summary>
/// Builds "column LIKE '%text%'" over one or more columns with the engine's own LIKE function (EF.Functions.Like,
/// or an ILIKE), for <see cref="IDatabaseProvider.WhereContainsIgnoringCase"/>.
/// </summary>
internal static class ContainsIgnoringCase
{
    public const string Escape = "\\";

    /// <summary>"Contains" as a LIKE pattern, with the user's %, _ and the escape character taken literally.</summary>
    public static string Pattern(string text) =>
        $"%{text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";

    /// <param name="like">A static (DbFunctions, string matchExpression, string pattern, string escapeCharacter) → bool.</param>
    public static IQueryable<T> Where<T>(IQueryable<T> source, string text, Expression<Func<T, string?>>[] columns, MethodInfo like)
    {
        if (columns.Length == 0)
        {
            throw new ArgumentException("Name at least one column.", nameof(columns));
        }
        var row = Expression.Parameter(typeof(T), "row");
        // Through a closure, so EF sends the pattern as a parameter and caches one plan for every search.
        var pattern = Pattern(text);
        Expression<Func<string>> patternParameter = () => pattern;
        var functions = Expression.Constant(Microsoft.EntityFrameworkCore.EF.Functions);
        var matches = columns
            .Select(column => (Expression)Expression.Call(like, functions,
                ReplacingExpressionVisitor.Replace(column.Parameters[0], row, column.Body),
                patternParameter.Body, Expression.Constant(Escape)))
            .Aggregate(Expression.OrElse);
        return source.Where(Expression.Lambda<Func<T, bool>>(matches, row));
    }
}
