using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Intake;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Features.Admin;

/// <summary>The admin's overview: every practitioner's visits today and this week, intakes to look at, failed email.</summary>
public sealed class AdminDashboard(ClinicDbContext db, ClinicClock clock, ClinicBooking.Web.Features.Practice.PracticeService practice)
{
    private const int ListLimit = 50;

    public async Task<DashboardPage> BuildAsync()
    {
        var today = clock.Today;
        var visits = await AppointmentsAsync(today, today.AddDays(8));
        var tomorrowUtc = DayStartUtc(today.AddDays(1));
        return new DashboardPage(clock.Zone, today,
            visits.Where(v => v.StartUtc < tomorrowUtc).ToList(),
            visits.Where(v => v.StartUtc >= tomorrowUtc).ToList(),
            await IntakesAwaitingReviewAsync(),
            await RedFlagsAsync(),
            await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Failed));
    }

    public async Task<AdminAppointmentPage?> AppointmentAsync(int id)
    {
        var row = await (from a in db.Appointments.AsNoTracking()
                join u in db.Users on a.PatientId equals u.Id
                where a.Id == id
                select new { Appointment = a, a.Practitioner!.DisplayName, ServiceName = a.Service!.Name, u.FullName, u.Email })
            .SingleOrDefaultAsync();
        if (row is null)
        {
            return null;
        }

        var badge = (await practice.BadgesAsync([row.Appointment.PatientId]))[row.Appointment.PatientId];
        return new AdminAppointmentPage(row.Appointment, row.FullName, row.Email ?? "", row.DisplayName, row.ServiceName, badge, clock.Zone);
    }

    /// <summary>Booked visits of every practitioner between two clinic dates (the end exclusive), earliest first.</summary>
    public async Task<List<AppointmentLine>> AppointmentsAsync(DateOnly from, DateOnly toExclusive, int? practitionerId = null)
    {
        var fromUtc = DayStartUtc(from);
        var toUtc = DayStartUtc(toExclusive);
        return await (from a in db.Appointments.AsNoTracking()
                join u in db.Users on a.PatientId equals u.Id
                where a.Status == AppointmentStatus.Booked && a.StartUtc >= fromUtc && a.StartUtc < toUtc
                      && (practitionerId == null || a.PractitionerId == practitionerId)
                orderby a.StartUtc
                select new AppointmentLine(a.Id, a.StartUtc, a.Practitioner!.DisplayName, a.Service!.Name, u.FullName))
            .Take(200).ToListAsync();
    }

    /// <summary>
    /// Intakes a practitioner should read before a visit: the latest submitted version of each patient with a booked
    /// visit still ahead, when no practitioner has marked that version reviewed.
    /// </summary>
    public async Task<List<IntakeLine>> IntakesAwaitingReviewAsync()
    {
        var now = clock.UtcNow;
        var rows = await LatestVersions(v => db.Appointments.Any(a => a.PatientId == v.PatientId && a.Status == AppointmentStatus.Booked && a.StartUtc > now)
                                             && !db.IntakeReviews.Any(r => r.PatientId == v.PatientId && r.VersionNumber == v.Number))
            .Take(ListLimit).ToListAsync();
        return await WithNextVisitAsync(await WithTiersAsync(rows));
    }

    /// <summary>
    /// Patients whose latest intake carries a red flag (any tier), and patients shown urgent guidance whom no
    /// practitioner has called yet, even from a draft (held, with the case's tier): most urgent first.
    /// </summary>
    public async Task<List<IntakeLine>> RedFlagsAsync()
    {
        var rows = await WithTiersAsync(await LatestVersions(v => v.Flagged).Take(ListLimit * 4).ToListAsync());
        var open = await (from c in db.UrgentCases.AsNoTracking()
                join u in db.Users on c.PatientId equals u.Id
                where c.ClearedUtc == null
                select new { c.PatientId, c.Tier, c.OpenedUtc, u.FullName, u.Email })
            .ToListAsync();
        var openIds = open.Select(o => o.PatientId).ToList();
        var latestOfOpen = await WithTiersAsync(await LatestVersions(v => openIds.Contains(v.PatientId)).ToListAsync());
        var merged = rows.Where(r => !openIds.Contains(r.PatientId)).ToList();
        foreach (var o in open)
        {
            var version = latestOfOpen.FirstOrDefault(v => v.PatientId == o.PatientId);
            var tier = version?.Tier is { } t && t > o.Tier ? t : o.Tier;
            merged.Add(new LatestVersion(o.PatientId, o.FullName, o.Email ?? "", version?.Number, version?.SubmittedUtc ?? o.OpenedUtc, tier, Held: true));
        }

        var ordered = merged.OrderByDescending(r => r.Held).ThenByDescending(r => r.Tier).ThenByDescending(r => r.SubmittedUtc)
            .Take(ListLimit).ToList();
        return await WithNextVisitAsync(ordered);
    }

    private IQueryable<LatestVersion> LatestVersions(System.Linq.Expressions.Expression<Func<IntakeVersion, bool>> filter) =>
        from v in db.IntakeVersions.AsNoTracking().Where(filter)
        join u in db.Users on v.PatientId equals u.Id
        where v.Number == db.IntakeVersions.Where(w => w.PatientId == v.PatientId).Max(w => w.Number)
        orderby v.SubmittedUtc descending
        select new LatestVersion(v.PatientId, u.FullName, u.Email ?? "", v.Number, v.SubmittedUtc, null, false, v.Id, v.Flagged);

    private async Task<List<IntakeLine>> WithNextVisitAsync(List<LatestVersion> rows)
    {
        var now = clock.UtcNow;
        var patients = rows.Select(r => r.PatientId).ToList();
        var next = (await db.Appointments.AsNoTracking()
                .Where(a => patients.Contains(a.PatientId) && a.Status == AppointmentStatus.Booked && a.StartUtc > now)
                .Select(a => new { a.PatientId, a.Id, a.StartUtc }).ToListAsync())
            .GroupBy(a => a.PatientId).ToDictionary(g => g.Key, g => g.MinBy(a => a.StartUtc)!);
        return rows.Select(r =>
        {
            var visit = next.GetValueOrDefault(r.PatientId);
            return new IntakeLine(r.Name, r.Email, r.Number, r.SubmittedUtc, r.Tier?.ToString(), visit?.Id, visit?.StartUtc, r.Held);
        }).ToList();
    }

    /// <summary>The tier of each flagged row, decrypted for these rows only.</summary>
    private async Task<List<LatestVersion>> WithTiersAsync(List<LatestVersion> rows)
    {
        var tiers = await practice.TiersAsync(rows.Where(r => r.Flagged && r.VersionId is not null).Select(r => r.VersionId!.Value).ToList());
        return rows.Select(r => r.VersionId is { } id && tiers.TryGetValue(id, out var tier) ? r with { Tier = tier } : r).ToList();
    }

    private DateTime DayStartUtc(DateOnly date) => AdminText.DayStartUtc(date, clock.Zone);

    private sealed record LatestVersion(string PatientId, string Name, string Email, int? Number, DateTime SubmittedUtc, FlagTier? Tier,
        bool Held = false, int? VersionId = null, bool Flagged = false);
}
