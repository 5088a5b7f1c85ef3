using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace NewsSite.Web.Infrastructure.Database;

/// <summary>
/// One column of text read with plain SQL through the context's own connection and transaction. For the reads of a
/// node's start-up (the migrations it has, the key ring, whether accounts exist): in LINQ the first of them would pay
/// EF Core's one-time query set-up (its relational model, its translators, ~0.2 s on a small server) on the path to the
/// first answer. The SQL must read alike on both engines: quoted names, no parameters.
/// </summary>
internal static class PlainSqlReads
{
    public static async Task<List<string>> ReadColumnAsync(this DatabaseFacade database, string sql, CancellationToken cancellationToken)
    {
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = Command(database, sql);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var values = new List<string>();
            while (await reader.ReadAsync(cancellationToken))
            {
                values.Add(reader.GetString(0));
            }
            return values;
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    /// <summary>Whether <paramref name="table"/> has any row (the name is quoted here; it is never user input).</summary>
    public static async Task<bool> HasRowsAsync(this DatabaseFacade database, string table, CancellationToken cancellationToken)
    {
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = Command(database, $"""SELECT 1 FROM "{table}" LIMIT 1""");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken);
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    /// <summary>The same as <see cref="ReadColumnAsync"/>, for callers that cannot await (ASP.NET Core's key repository is synchronous).</summary>
    public static List<string> ReadColumn(this DatabaseFacade database, string sql)
    {
        database.OpenConnection();
        try
        {
            using var command = Command(database, sql);
            using var reader = command.ExecuteReader();
            var values = new List<string>();
            while (reader.Read())
            {
                values.Add(reader.GetString(0));
            }
            return values;
        }
        finally
        {
            database.CloseConnection();
        }
    }

    private static DbCommand Command(DatabaseFacade database, string sql)
    {
        var command = database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = database.CurrentTransaction?.GetDbTransaction();
        return command;
    }
}
