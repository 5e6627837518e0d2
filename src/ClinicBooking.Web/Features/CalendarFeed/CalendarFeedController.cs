using System.Globalization;
using System.Security.Claims;
using System.Text;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Features.Booking;
using ClinicBooking.Web.Infrastructure;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Features.CalendarFeed;

public sealed record CalendarFeedPage(bool HasFeed, DateTime? CreatedUtc, string? NewAddress, TimeZoneInfo Zone);

/// <summary>
/// A practitioner's private calendar subscription (issue 16): an iCalendar feed of their booked visits from 30 days
/// back to 90 days ahead, at an address holding an unguessable secret, which Google Calendar, Outlook and Apple
/// Calendar poll. Each visit says when, the patient's first name and initial, the service and a link to the visit
/// page: no health data. The practitioner makes, replaces or turns off the address on their own page; the secret is
/// shown once and only its hash is stored.
/// </summary>
public sealed class CalendarFeedController(ClinicDbContext db, ClinicSettingsStore settings, ClinicClock clock, PublicAddress publicAddress,
    AuditLog audit) : Controller
{
    public const int DaysBack = 30;
    public const int DaysAhead = 90;

    [Authorize(Policy = Policies.Practitioner)]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
    [HttpGet("/practitioner/calendar-feed")]
    public async Task<IActionResult> Index()
    {
        if (await MineAsync() is not { } practitioner)
        {
            return NotFound();
        }

        return View(new CalendarFeedPage(practitioner.CalendarFeedHash is not null, practitioner.CalendarFeedCreatedUtc,
            TempData["FeedSecret"] is string secret ? Address(secret) : null, settings.Current.Zone));
    }

    [Authorize(Policy = Policies.Practitioner)]
    [HttpPost("/practitioner/calendar-feed")]
    public async Task<IActionResult> Create()
    {
        if (await MineAsync() is not { } practitioner)
        {
            return NotFound();
        }

        var secret = practitioner.NewCalendarFeed(clock.UtcNow);
        audit.Add(CalendarFeedActions.Create, nameof(Practitioner), practitioner.Id.ToString(CultureInfo.InvariantCulture), null);
        await db.SaveChangesAsync();
        // Shown once, on the next page only (TempData is an encrypted cookie), never stored in the clear.
        TempData["FeedSecret"] = secret;
        return Redirect("/practitioner/calendar-feed");
    }

    [Authorize(Policy = Policies.Practitioner)]
    [HttpPost("/practitioner/calendar-feed/revoke")]
    public async Task<IActionResult> Revoke()
    {
        if (await MineAsync() is not { } practitioner)
        {
            return NotFound();
        }

        practitioner.RevokeCalendarFeed();
        audit.Add(CalendarFeedActions.Revoke, nameof(Practitioner), practitioner.Id.ToString(CultureInfo.InvariantCulture), null);
        await db.SaveChangesAsync();
        TempData["Flash"] = "Your calendar address is turned off. Calendars subscribed to it stop updating.";
        return Redirect("/practitioner/calendar-feed");
    }

    /// <summary>The feed itself. The secret in the address is the credential; anything unknown is a plain 404.</summary>
    [AllowAnonymous]
    [HttpGet("/calendar/{secret}.ics"), HttpHead("/calendar/{secret}.ics")]
    public async Task<IActionResult> Feed(string secret)
    {
        if (secret is not { Length: >= 40 and <= 64 })
        {
            return NotFound();
        }

        var hash = Practitioner.HashFeedSecret(secret);
        var practitioner = await db.Practitioners.AsNoTracking().SingleOrDefaultAsync(p => p.CalendarFeedHash == hash && p.IsActive);
        if (practitioner is null)
        {
            return NotFound();
        }

        var now = clock.UtcNow;
        var earliest = now.AddDays(-DaysBack);
        var latest = now.AddDays(DaysAhead);
        var visits = await (from a in db.Appointments.AsNoTracking()
                join u in db.Users on a.PatientId equals u.Id
                where a.PractitionerId == practitioner.Id && a.Status != AppointmentStatus.Cancelled && a.StartUtc >= earliest && a.StartUtc < latest
                orderby a.StartUtc
                select new { a.Id, a.StartUtc, a.EndUtc, a.Status, a.Sequence, Service = a.Service!.Name, u.FullName })
            .Take(2000).ToListAsync();

        var clinic = settings.Current;
        var calendar = new Ical.Net.Calendar { Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", $"{clinic.Name}: {practitioner.DisplayName}");
        calendar.AddProperty("X-PUBLISHED-TTL", "PT1H");
        foreach (var v in visits)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"appointment-{v.Id}@clinicbooking",
                DtStamp = new CalDateTime(now, "UTC"),
                Start = new CalDateTime(v.StartUtc, "UTC"),
                End = new CalDateTime(v.EndUtc, "UTC"),
                Summary = $"{ShortName(v.FullName)}: {v.Service}",
                Location = clinic.Address,
                Description = $"{publicAddress.BaseUrl}/practitioner/appointments/{v.Id}",
                Status = "CONFIRMED",
                Sequence = v.Sequence,
            });
        }

        Response.Headers["X-Robots-Tag"] = "noindex";
        return File(Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar) ?? ""), "text/calendar; charset=utf-8");
    }

    /// <summary>"Pat P." from "Pat Patient": the first name and the initial of the last, as issue 16 allows.</summary>
    public static string ShortName(string? fullName)
    {
        var parts = (fullName ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length switch
        {
            0 => "Patient",
            1 => parts[0],
            _ => $"{parts[0]} {char.ToUpperInvariant(parts[^1][0])}.",
        };
    }

    private string Address(string secret) => $"{publicAddress.BaseUrl}/calendar/{secret}.ics";

    private Task<Practitioner?> MineAsync()
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        return db.Practitioners.SingleOrDefaultAsync(p => p.UserId == userId);
    }
}

public static class CalendarFeedActions
{
    public const string Create = "practitioner.calendar-feed.create";
    public const string Revoke = "practitioner.calendar-feed.revoke";
}
