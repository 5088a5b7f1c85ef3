using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Infrastructure.Database.Sqlite;

/// <summary>
/// One outbox message per confirmed subscriber, each pointing at the shared body with its own unsubscribe token, in
/// one INSERT … SELECT: the database copies the rows itself, so 200,000 subscribers take a second or two and no
/// memory, where the change tracker took 24 s. The outbox's columns are named here; the newsletter tests read these
/// messages back over SMTP, so a drift fails them.
/// </summary>
public sealed class SqliteBulkMailQueue(NewsDbContext db) : IBulkMailQueue
{
    public Task<int> QueueForConfirmedSubscribersAsync(long templateId, string subject, string kind, DateTime now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO Outbox (ToAddress, Subject, HtmlBody, TextBody, TemplateId, TemplateValue, Kind, IsBulk, ContainsSecret, Status, Attempts, CreatedAt, NextAttemptAt)
            SELECT Email, {subject}, '', '', {templateId}, UnsubscribeToken, {kind}, 1, 0, {(int)OutboxStatus.Pending}, 0, {now}, {now}
            FROM Subscribers WHERE Status = {(int)SubscriberStatus.Confirmed} ORDER BY Id
            """, cancellationToken);
}
