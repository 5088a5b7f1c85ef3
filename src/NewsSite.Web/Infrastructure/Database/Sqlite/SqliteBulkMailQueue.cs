using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Infrastructure.Database.Sqlite;

/// <summary>
/// One outbox message per confirmed subscriber of the newsletter (not paused, not suppressed), each pointing at the shared body with its own unsubscribe token, in
/// one INSERT … SELECT: the database copies the rows itself, so 200,000 subscribers take a second or two and no
/// memory, where the change tracker took 24 s. The outbox's columns are named here; the newsletter tests read these
/// messages back over SMTP, so a drift fails them.
/// </summary>
public sealed class SqliteBulkMailQueue(NewsDbContext db) : IBulkMailQueue
{
    public Task<int> QueueForConfirmedSubscribersAsync(int newsletterId, long templateId, string subject, string kind, string? fromName, DateTime now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO Outbox (ToAddress, Subject, HtmlBody, TextBody, TemplateId, TemplateValue, Kind, IsBulk, ContainsSecret, FromName, Status, Attempts, CreatedAt, NextAttemptAt)
            SELECT s.Email, {subject}, '', '', {templateId}, s.UnsubscribeToken, {kind}, 1, 0, {fromName}, {(int)OutboxStatus.Pending}, 0, {now}, {now}
            FROM Subscribers s
            JOIN NewsletterSubscriptions n ON n.SubscriberId = s.Id AND n.NewsletterId = {newsletterId}
            WHERE s.Status = {(int)SubscriberStatus.Confirmed}
              AND (s.PausedUntil IS NULL OR s.PausedUntil <= {now})
              AND NOT EXISTS (SELECT 1 FROM Suppressions x WHERE x.Address = s.Email AND x.LiftedAt IS NULL)
            ORDER BY s.Id
            """, cancellationToken);
}
