using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Email;
using ClinicBooking.Web.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Features.Notifications;

/// <summary>
/// Sends the outbox rows that are due (PRODUCT.md §7). A batch is claimed with one conditional UPDATE before it is
/// sent, so two dispatchers running at once (two instances) never send the same row; each row is rendered from the
/// appointment's current state (or skipped when stale), the batch is sent over one SMTP connection, then marked.
/// Temporary failures retry with growing back-off; permanent ones stop as Failed with the reason. Safe to run twice:
/// it takes no arguments, and in one instance runs take turns (<see cref="OutboxSignal.Running"/>).
/// </summary>
public sealed class OutboxDispatcher(
    ClinicDbContext db,
    EmailRenderer renderer,
    IEmailTransport transport,
    ClinicClock clock,
    OutboxSignal signal,
    Waitlist.WaitlistService waitlist,
    ClinicDatabase database,
    Microsoft.Extensions.Options.IOptions<OutboxOptions> options,
    ClinicMetrics metrics,
    ILogger<OutboxDispatcher> logger)
{
    public const string RecurringJobId = "outbox-dispatch";
    private const int BatchSize = 100;

    // Retries are the outbox's own business (per row, with back-off); a failed run is simply the next minute's run.
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> DispatchDueAsync()
    {
        await signal.Running.WaitAsync();
        try
        {
            await GiveUpExpiredLinksAsync();
            await OfferFreedTimesAsync();
            var sent = 0;
            while (await DispatchBatchAsync() is var batch and > 0)
            {
                sent += batch;
            }

            return sent;
        }
        finally
        {
            signal.Running.Release();
        }
    }

    /// <summary>
    /// A failed account email keeps its encrypted body (and address) so that "Retry now" can still send it, but only
    /// while its link could still work: after the longest token lifespan it is skipped and its body cleared. A failed
    /// reset or confirmation request (no body: its link is made when sent) is given up after the same time, and loses
    /// its address.
    /// </summary>
    private async Task GiveUpExpiredLinksAsync()
    {
        var cutoff = clock.UtcNow - ClinicTokenProviders.LongestLifespan;
        var expired = await db.Outbox
            .Where(o => o.Status == OutboxStatus.Failed && (o.HtmlBody != null || o.Kind == OutboxKind.PasswordResetRequested || o.Kind == OutboxKind.ConfirmationRequested || o.Kind == OutboxKind.PatientInvitation)
                        && o.CreatedUtc < cutoff).ToListAsync();
        foreach (var row in expired)
        {
            row.Skip("Its link has expired; the person can ask for a new one.");
        }

        if (expired.Count > 0)
        {
            await db.SaveChangesAsync();
        }
    }

    /// <summary>
    /// Times freed since the last run become waitlist offers (their emails join this run's batches). A failure here
    /// never holds up the emails: the signals stay and the next run tries again.
    /// </summary>
    private async Task OfferFreedTimesAsync()
    {
        try
        {
            await waitlist.OfferFreedTimesAsync();
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogError(e, "Turning freed times into waitlist offers failed; the next run retries.");
        }
    }

    /// <summary>One batch; returns how many rows it settled (sent, skipped or failed), 0 when nothing was due.</summary>
    private async Task<int> DispatchBatchAsync()
    {
        var now = clock.UtcNow;
        var token = Guid.NewGuid().ToString("N");
        // Its writes queue in this process with bookings' (the shared write gate) instead of meeting them in SQLite's
        // busy handler, which sleeps in steps of up to 100 ms.
        var claimed = await db.InWriteTransactionAsync(() => ClaimAsync(now, token));
        if (claimed.Count == 0)
        {
            return 0;
        }

        // The rows as the claim left them: an instance this context still tracks (an offer it queued this run) would keep
        // its values from before the claim, token included, and its updates would then match nothing.
        db.ChangeTracker.Clear();
        var batch = await db.Outbox.Where(o => claimed.Contains(o.Id) && o.ClaimToken == token)
            .OrderBy(o => o.NextAttemptUtc).ThenBy(o => o.Id).ToListAsync();
        await renderer.PrepareAsync(batch);
        var toSend = new List<(OutboxMessage Row, MimeKit.MimeMessage Message)>();
        foreach (var row in batch)
        {
            var rendered = await renderer.RenderAsync(row);
            if (rendered.Message is null)
            {
                row.Skip(rendered.SkipReason ?? "Nothing to send.");
            }
            else
            {
                // The same row is the same Message-ID on every attempt: should a sender die between the mail server's
                // "accepted" and its own record of it, the copy sent again is recognisably the same email.
                rendered.Message.MessageId = OutboxRules.MessageIdFor(row, rendered.Message.MessageId);
                toSend.Add((row, rendered.Message));
            }
        }

        if (toSend.Count < batch.Count)
        {
            await SaveClaimedAsync(token);
        }

        // Each email is marked sent as soon as the mail server accepts it, not after the whole batch: a sender killed
        // mid-batch leaves at most the one email in flight unrecorded, and the rest to be claimed again after
        // Outbox:ClaimTimeout by any instance.
        var heartbeat = System.Diagnostics.Stopwatch.StartNew();
        var results = toSend.Count == 0 ? [] : await transport.SendAsync(toSend.Select(x => x.Message).ToList(), async i =>
        {
            await MarkSentAsync(toSend[i].Row, now, toSend[i].Message.MessageId, token);
            if (heartbeat.Elapsed >= Heartbeat)
            {
                await RenewClaimAsync(token);
                heartbeat.Restart();
            }
        });
        for (var i = 0; i < toSend.Count; i++)
        {
            var row = toSend[i].Row;
            var result = results[i];
            if (result.Sent)
            {
                // Recorded already, the moment it was accepted (MarkSentAsync).
                continue;
            }

            if (result.Failure == SendFailure.Permanent || row.Attempts + 1 >= OutboxRules.MaxAttempts)
            {
                row.Fail(Trim(result.Error));
                logger.LogWarning("Outbox row {Id} ({Kind}) failed: {Error}", row.Id, row.Kind, Trim(result.Error));
            }
            else if (row.AppointmentStartUtc is { } start && row.Kind == OutboxKind.Reminder
                     && now + OutboxRules.DelayAfter(row.Attempts + 1) >= start)
            {
                row.Skip($"Still failing when the visit starts: {Trim(result.Error)}");
            }
            else
            {
                row.RetryLater(now + OutboxRules.DelayAfter(row.Attempts + 1), Trim(result.Error));
                logger.LogInformation("Outbox row {Id} ({Kind}) will be retried: {Error}", row.Id, row.Kind, Trim(result.Error));
            }
        }

        await SaveClaimedAsync(token);
        // A failed send counts whether it is retried, skipped or given up (docs/operations.md, Telemetry).
        metrics.EmailsSent(results.Count(r => r.Sent));
        metrics.EmailsFailed(results.Count(r => !r.Sent));
        return batch.Count;
    }

    /// <summary>
    /// Saves this sender's changes to its claimed rows, but only to rows that still carry its claim token: one whose
    /// claim was taken over (this sender stalled past Outbox:ClaimTimeout and another instance claimed it again) is
    /// left to its new owner, never overwritten. The check and the save are one write transaction, and on PostgreSQL
    /// the rows checked stay locked until it commits.
    /// </summary>
    private async Task SaveClaimedAsync(string token)
    {
        await db.InWriteTransactionAsync(async () =>
        {
            var changed = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Modified).ToList();
            if (changed.Count == 0)
            {
                return 0;
            }

            const string ours = "SELECT \"Id\" AS \"Value\" FROM \"Outbox\" WHERE \"ClaimToken\" = {0}";
            var stillOurs = (await (database.IsPostgreSql
                ? db.Database.SqlQueryRaw<long>(ours + " FOR UPDATE", token)
                : db.Database.SqlQueryRaw<long>(ours, token)).ToListAsync()).ToHashSet();
            foreach (var entry in changed.Where(e => !stillOurs.Contains(e.Entity.Id)))
            {
                logger.LogWarning("Outbox row {Id} was claimed again by another sender after this one's claim expired; left to it.", entry.Entity.Id);
                entry.State = EntityState.Detached;
            }

            return await db.SaveChangesAsync();
        });
    }

    /// <summary>How often a sender working through a batch renews its claim on the rows still to send.</summary>
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Records one email as sent the moment the mail server accepted it: one UPDATE that matches only while the row
    /// still carries this sender's claim token (else it is left to the sender that claimed it again).
    /// </summary>
    private async Task MarkSentAsync(OutboxMessage row, DateTime now, string? messageId, string token)
    {
        row.MarkSent(now, messageId);
        var updated = await db.InWriteTransactionAsync(() => db.Outbox.Where(o => o.Id == row.Id && o.ClaimToken == token)
            .ExecuteUpdateAsync(u => u
                .SetProperty(o => o.Status, row.Status)
                .SetProperty(o => o.SentUtc, row.SentUtc)
                .SetProperty(o => o.MessageId, row.MessageId)
                .SetProperty(o => o.Attempts, row.Attempts)
                .SetProperty(o => o.LastError, row.LastError)
                .SetProperty(o => o.HtmlBody, row.HtmlBody)
                .SetProperty(o => o.Recipient, row.Recipient)));
        if (updated == 0)
        {
            logger.LogWarning("Outbox row {Id} was claimed again by another sender after this one's claim expired; left to it.", row.Id);
        }

        // Saved (or not ours): the final save of the batch has nothing more to write for it.
        db.Entry(row).State = updated == 0 ? EntityState.Detached : EntityState.Unchanged;
    }

    /// <summary>
    /// The claim's heartbeat: the rows still to send are claimed afresh, so only a sender that stops for
    /// Outbox:ClaimTimeout (killed, or frozen) loses them, never one that is merely working through a long batch.
    /// </summary>
    private Task RenewClaimAsync(string token) => db.InWriteTransactionAsync(() => db.Outbox
        .Where(o => o.ClaimToken == token && o.Status == OutboxStatus.Sending)
        .ExecuteUpdateAsync(u => u.SetProperty(o => o.ClaimedUtc, (DateTime?)clock.UtcNow)));

    /// <summary>
    /// Claims up to a batch of due rows (and rows whose claim died with its dispatcher) in one statement, under a new
    /// claim token, and returns their ids. The outer condition is checked again on the row it updates, so on
    /// PostgreSQL a second dispatcher that waited for the first one's lock finds the row already Sending and leaves
    /// it; there the inner SELECT also skips rows another instance is claiming at that moment (SKIP LOCKED), so
    /// several instances dispatching at once each take different rows.
    /// </summary>
    private async Task<List<long>> ClaimAsync(DateTime now, string token)
    {
        var stale = now - options.Value.ClaimTimeout;
        const string due = "((\"Status\" = 'Pending' AND \"NextAttemptUtc\" <= {0}) OR (\"Status\" = 'Sending' AND \"ClaimedUtc\" < {1}))";
        const string claim = "UPDATE \"Outbox\" SET \"Status\" = 'Sending', \"ClaimedUtc\" = {0}, \"ClaimToken\" = {3} WHERE " + due + " AND \"Id\" IN " +
            "(SELECT \"Id\" FROM \"Outbox\" WHERE " + due + " ORDER BY \"NextAttemptUtc\" LIMIT {2}";
        const string returning = ") RETURNING \"Id\" AS \"Value\"";
        // Both texts are constants; the values are parameters.
        return await (database.IsPostgreSql
                ? db.Database.SqlQueryRaw<long>(claim + " FOR UPDATE SKIP LOCKED" + returning, now, stale, BatchSize, token)
                : db.Database.SqlQueryRaw<long>(claim + returning, now, stale, BatchSize, token))
            .ToListAsync();
    }

    /// <summary>Server replies can quote the recipient: addresses are masked before the error is stored or logged.</summary>
    private static string Trim(string? error)
    {
        var masked = error is null ? "Unknown error" : AddressPattern.Address().Replace(error, "<address>");
        return masked.Length <= 480 ? masked : masked[..480];
    }
}

internal static partial class AddressPattern
{
    [System.Text.RegularExpressions.GeneratedRegex(@"[^\s<>@]+@[^\s<>@]+")]
    public static partial System.Text.RegularExpressions.Regex Address();
}
