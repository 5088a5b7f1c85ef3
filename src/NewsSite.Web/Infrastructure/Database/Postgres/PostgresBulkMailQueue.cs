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
    public Task<int> QueueForConfirmedSubscribersAsync(int newsletterId, long templateId, string subject, string kind, string? fromName, DateTime now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Outbox" ("ToAddress", "Subject", "HtmlBody", "TextBody", "TemplateId", "TemplateValue", "Kind", "IsBulk", "ContainsSecret", "FromName", "Status", "Attempts", "CreatedAt", "NextAttemptAt")
            SELECT s."Email", {subject}, '', '', {templateId}, s."UnsubscribeToken", {kind}, TRUE, FALSE, {fromName}, {(int)OutboxStatus.Pending}, 0, {now}, {now}
            FROM "Subscribers" s
            JOIN "NewsletterSubscriptions" n ON n."SubscriberId" = s."Id" AND n."NewsletterId" = {newsletterId}
            WHERE s."Status" = {(int)SubscriberStatus.Confirmed}
              AND (s."PausedUntil" IS NULL OR s."PausedUntil" <= {now})
              AND NOT EXISTS (SELECT 1 FROM "Suppressions" x WHERE x."Address" = s."Email" AND x."LiftedAt" IS NULL)
            ORDER BY s."Id"
            """, cancellationToken);
}
