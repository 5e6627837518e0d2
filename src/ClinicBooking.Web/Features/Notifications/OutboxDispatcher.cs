using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Email;
using ClinicBooking.Web.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Features.Notifications;

/// <summary>
/// Sends the outbox rows that are due (PRODUCT.md §7). Each row is claimed with a conditional UPDATE before it is
/// sent, so two dispatchers running at once never send the same row; it is rendered from the appointment's current
/// state (or skipped when stale), sent in one SMTP connection per batch, then marked. Temporary failures retry with
/// growing back-off; permanent ones stop as Failed with the reason. Safe to run twice: it takes no arguments.
/// </summary>
public sealed class OutboxDispatcher(
    ClinicDbContext db,
    EmailRenderer renderer,
    IEmailTransport transport,
    ClinicClock clock,
    ILogger<OutboxDispatcher> logger)
{
    public const string RecurringJobId = "outbox-dispatch";
    private const int BatchSize = 50;

    // Retries are the outbox's own business (per row, with back-off); a failed run is simply the next minute's run.
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> DispatchDueAsync()
    {
        await GiveUpExpiredLinksAsync();
        var sent = 0;
        while (await DispatchBatchAsync() is var batch and > 0)
        {
            sent += batch;
        }

        return sent;
    }

    /// <summary>
    /// A failed account email keeps its encrypted body (and address) so that "Retry now" can still send it, but only
    /// while its link could still work: after the longest token lifespan it is skipped and its body cleared.
    /// </summary>
    private async Task GiveUpExpiredLinksAsync()
    {
        var cutoff = clock.UtcNow - ClinicTokenProviders.LongestLifespan;
        var expired = await db.Outbox
            .Where(o => o.Status == OutboxStatus.Failed && o.HtmlBody != null && o.CreatedUtc < cutoff).ToListAsync();
        foreach (var row in expired)
        {
            row.Skip("Its link has expired; the person can ask for a new one.");
        }

        if (expired.Count > 0)
        {
            await db.SaveChangesAsync();
        }
    }

    /// <summary>One batch; returns how many rows it settled (sent, skipped or failed), 0 when nothing was due.</summary>
    private async Task<int> DispatchBatchAsync()
    {
        var now = clock.UtcNow;
        var stale = now - OutboxRules.ClaimTimeout;
        var candidates = await db.Outbox.AsNoTracking()
            .Where(o => (o.Status == OutboxStatus.Pending && o.NextAttemptUtc <= now)
                        || (o.Status == OutboxStatus.Sending && o.ClaimedUtc < stale))
            .OrderBy(o => o.NextAttemptUtc).Select(o => o.Id).Take(BatchSize).ToListAsync();
        var claimed = new List<long>();
        foreach (var id in candidates)
        {
            // The claim: only one dispatcher can move a row from Pending (or a dead claim) to Sending.
            var rows = await db.Outbox
                .Where(o => o.Id == id && (o.Status == OutboxStatus.Pending || (o.Status == OutboxStatus.Sending && o.ClaimedUtc < stale)))
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Sending).SetProperty(o => o.ClaimedUtc, now));
            if (rows == 1)
            {
                claimed.Add(id);
            }
        }

        if (claimed.Count == 0)
        {
            return 0;
        }

        var batch = await db.Outbox.Where(o => claimed.Contains(o.Id)).ToListAsync();
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
                toSend.Add((row, rendered.Message));
            }
        }

        var results = toSend.Count == 0 ? [] : await transport.SendAsync(toSend.Select(x => x.Message).ToList());
        for (var i = 0; i < toSend.Count; i++)
        {
            var (row, message) = toSend[i];
            var result = results[i];
            if (result.Sent)
            {
                row.MarkSent(now, message.MessageId);
            }
            else if (result.Failure == SendFailure.Permanent || row.Attempts + 1 >= OutboxRules.MaxAttempts)
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

        await db.SaveChangesAsync();
        return batch.Count;
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
