using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Infrastructure.Database.Postgres;

/// <summary>
/// One outbox message per confirmed subscriber in one INSERT … SELECT, as on SQLite (see SqliteBulkMailQueue): the
/// database copies the rows itself. Identifiers are quoted because EF creates them in mixed case.
/// </summary>
public sealed class PostgresBulkMailQueue(NewsDbContext db) : IBulkMailQueue
{
    public Task<int> QueueForConfirmedSubscribersAsync(long templateId, string subject, string kind, DateTime now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Outbox" ("ToAddress", "Subject", "HtmlBody", "TextBody", "TemplateId", "TemplateValue", "Kind", "IsBulk", "ContainsSecret", "Status", "Attempts", "CreatedAt", "NextAttemptAt")
            SELECT "Email", {subject}, '', '', {templateId}, "UnsubscribeToken", {kind}, TRUE, FALSE, {(int)OutboxStatus.Pending}, 0, {now}, {now}
            FROM "Subscribers" WHERE "Status" = {(int)SubscriberStatus.Confirmed} ORDER BY "Id"
            """, cancellationToken);
}
