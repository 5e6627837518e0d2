using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Features.Notifications;

/// <summary>
/// Each evening, one email per practitioner listing tomorrow's visits with their intake status (links only, no
/// names or answers). Queued as outbox rows, one per practitioner and day, so running twice sends once.
/// </summary>
public sealed class DigestJob(ClinicDbContext db, ClinicClock clock, Outbox outbox)
{
    public const string RecurringJobId = "practitioner-digest";

    [AutomaticRetry(Attempts = 0)]
    public async Task<int> QueueTomorrowAsync()
    {
        var tomorrow = clock.Today.AddDays(1);
        var from = TimeZoneInfo.ConvertTimeToUtc(tomorrow.ToDateTime(TimeOnly.MinValue), clock.Zone);
        var to = TimeZoneInfo.ConvertTimeToUtc(tomorrow.AddDays(1).ToDateTime(TimeOnly.MinValue), clock.Zone);
        var practitioners = await db.Appointments.AsNoTracking()
            .Where(a => a.Status == AppointmentStatus.Booked && a.StartUtc >= from && a.StartUtc < to)
            .Select(a => a.PractitionerId).Distinct().ToListAsync();
        var already = await db.Outbox.AsNoTracking()
            .Where(o => o.Kind == OutboxKind.PractitionerDigest && o.DigestDate == tomorrow).Select(o => o.PractitionerId).ToListAsync();
        var queued = 0;
        foreach (var id in practitioners.Where(p => !already.Contains(p)))
        {
            var email = await db.Practitioners.Where(p => p.Id == id)
                .Join(db.Users, p => p.UserId, u => u.Id, (p, u) => u.Email).SingleAsync();
            db.Outbox.Add(OutboxMessage.Digest(email ?? "", id, tomorrow, clock.UtcNow));
            queued++;
        }

        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Another run queued the same digests a moment earlier: one per practitioner and day is the rule.
            return 0;
        }

        if (queued > 0)
        {
            outbox.Kick();
        }

        return queued;
    }
}
