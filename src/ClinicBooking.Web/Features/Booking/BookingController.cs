using System.Globalization;
using System.Security.Claims;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Features.Intake;
using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Features.Booking;

/// <summary>
/// Booking (PRODUCT.md §2 journey 1): service → practitioner or "any" → a week of free times → sign in → intake
/// gate → confirm → POST /book. Every step is a plain link or form, so it works without JavaScript.
/// </summary>
public sealed class BookingController(
    ClinicDbContext db,
    BookingService booking,
    IntakeService intake,
    ClinicSettingsStore settings,
    ClinicClock clock,
    Desk.DeskService desk) : Controller
{
    public const string ResumeCookie = "ClinicBooking.ResumeBooking";

    [AllowAnonymous]
    [HttpGet("/book")]
    public async Task<IActionResult> Index(string? serviceId, string? practitionerId, string? week)
    {
        if (string.IsNullOrEmpty(serviceId))
        {
            return View("Services", await ServicesPageAsync());
        }

        // The stamps first (one query); the service, the practitioners and the week's grid come from memory while
        // they stand.
        int? chosen = int.TryParse(practitionerId, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        var stamps = await booking.ReadStampsAsync(chosen);
        var catalogue = await booking.CatalogueAsync(stamps);
        if (!int.TryParse(serviceId, NumberStyles.None, CultureInfo.InvariantCulture, out var sid) || catalogue.ActiveService(sid) is not { } service)
        {
            return NotFound();
        }

        if (string.IsNullOrEmpty(practitionerId))
        {
            return View("Practitioners", new PractitionersPage(service, catalogue.Practitioners));
        }

        Practitioner? practitioner = null;
        if (practitionerId != "any" && (chosen is null || (practitioner = catalogue.ActivePractitioner(chosen.Value)) is null))
        {
            return NotFound();
        }

        var today = clock.Today;
        var monday = WeekGrid.ParseWeek(week) ?? WeekGrid.WeekStartOf(today);
        if (monday < WeekGrid.WeekStartOf(today) || monday > today.AddDays(settings.Current.BookingHorizonDays))
        {
            monday = WeekGrid.WeekStartOf(today);
        }

        var zone = settings.Current.Zone;
        var horizon = settings.Current.BookingHorizonDays;
        var window = settings.Current.CancellationWindow;
        string WeekHref(DateOnly w) => $"/book?serviceId={service.Id}&practitionerId={practitionerId}&week={w:yyyy-MM-dd}";
        (string, string) NextFree(Slot first) =>
            (TimeFormat.When(first.StartUtc, zone), WeekHref(WeekGrid.WeekStartOf(DateOnly.FromDateTime(TimeFormat.Local(first.StartUtc, zone)))));
        var grid = await booking.ViewAsync($"grid|{today:yyyy-MM-dd}|{practitionerId}|{TimeFormat.Culture.Name}|{Languages.Current}", service, practitioner?.Id,
            monday, monday.AddDays(6), stamps,
            (slots, names) =>
            {
                var iso = new IsoFormatter(zone);
                return WeekGrid.Build(slots, monday, today, horizon, zone,
                    s => ConfirmHref(service.Id, s.PractitionerId, iso.Format(s.StartUtc)),
                    WeekHref,
                    s => T("{0} with {1}", TimeFormat.When(s.StartUtc, zone), names.GetValueOrDefault(s.PractitionerId) ?? ""),
                    clock.UtcNow + window, TimeFormat.Span(window));
            }, markedWithin: window);
        if (grid.IsEmpty && monday.AddDays(7) <= today.AddDays(horizon))
        {
            // An empty week offers the next one with a free time, not a walk through empty weeks.
            var later = await booking.ViewAsync($"next|{today:yyyy-MM-dd}|{TimeFormat.Culture.Name}|{Languages.Current}", service, practitioner?.Id,
                monday.AddDays(7), today.AddDays(horizon), stamps,
                (slots, _) => new Box<(string, string)?>(slots.Count == 0 ? null : NextFree(slots[0])));
            grid = grid with { NextFree = later.Value };
        }

        return View("Grid", new GridPage(service, practitionerId, practitioner?.DisplayName ?? "any practitioner", grid));
    }

    [Authorize(Policy = Policies.Patient)]
    [HttpGet("/book/confirm")]
    public async Task<IActionResult> Confirm(string? serviceId, string? practitionerId, string? start)
    {
        if (await FindServiceAsync(serviceId) is not { } service || await FindPractitionerAsync(practitionerId) is not { } practitioner)
        {
            return NotFound();
        }

        if (!TimeFormat.TryParseIso(start, out var startUtc))
        {
            return Problem400(T("That time could not be read. Please choose one of the times shown."), service.Id);
        }

        if (!booking.IsPlausible(startUtc))
        {
            return Problem400(T("That time is in the past or too far ahead. Please choose one of the times shown."), service.Id);
        }

        if (!await desk.MayBookOnlineAsync(PatientId))
        {
            return CallUsToBook();
        }

        if (service.RequiresIntake && !await intake.HasSubmittedAsync(PatientId))
        {
            // The chosen time is held in a cookie while the intake is filled in, then offered again.
            Response.Cookies.Append(ResumeCookie, ConfirmHref(service.Id, practitioner.Id, start!),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps, MaxAge = TimeSpan.FromDays(2) });
            TempData["IntakeGate"] = T("Before your first visit we need your intake questionnaire. We remember the time you chose, " +
                                       "{0} with {1}, on this device: when you submit, you can confirm it. It is not reserved until then.",
                TimeFormat.When(startUtc, settings.Current.Zone), practitioner.DisplayName);
            return Redirect("/intake");
        }

        Response.Cookies.Delete(ResumeCookie);
        var zone = settings.Current.Zone;
        var free = await booking.FreeSlotsAsync(service, practitioner.Id, DateOnly.FromDateTime(clock.ToLocal(startUtc)), DateOnly.FromDateTime(clock.ToLocal(startUtc)));
        if (!free.Any(s => s.StartUtc == startUtc))
        {
            // Coming back (the browser's Back button) to a time this patient has just booked is not "taken".
            var mine = (await booking.ForPatientAsync(PatientId))
                .FirstOrDefault(a => a.IsActive && a.PractitionerId == practitioner.Id && a.StartUtc == startUtc);
            if (mine is not null)
            {
                TempData["Flash"] = T("You have booked this time.");
                return Redirect($"/appointments/{mine.Id}");
            }

            return await TakenAsync(service, practitioner.Id, startUtc);
        }

        return View(new ConfirmPage(service, practitioner, startUtc, TimeFormat.Iso(startUtc, zone), TimeFormat.When(startUtc, zone),
            settings.Current.Address, CancellationPolicy(startUtc)) { InsideChangeWindow = startUtc < clock.UtcNow + settings.Current.CancellationWindow });
    }

    [Authorize(Policy = Policies.Patient)]
    [EnableRateLimiting(RateLimitPolicies.Booking)]
    [HttpPost("/book")]
    public async Task<IActionResult> Book([FromForm(Name = "ServiceId")] string? serviceId,
        [FromForm(Name = "PractitionerId")] string? practitionerId, [FromForm(Name = "Start")] string? start)
    {
        if (!int.TryParse(serviceId, NumberStyles.None, CultureInfo.InvariantCulture, out var sid)
            || !int.TryParse(practitionerId, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !TimeFormat.TryParseIso(start, out var startUtc))
        {
            return Problem400(T("Something in that booking was not right. Please choose a time again."), null);
        }

        if (!await desk.MayBookOnlineAsync(PatientId))
        {
            return CallUsToBook();
        }

        // The intake gate holds for a POST made without the confirm page, too: no first visit without an intake.
        var catalogue = await booking.CatalogueAsync(await booking.ReadStampsAsync(pid));
        if (catalogue.ActiveService(sid) is { RequiresIntake: true } && !await intake.HasSubmittedAsync(PatientId))
        {
            TempData["IntakeGate"] = T("Before your first visit we need your intake questionnaire. Please fill it in, then choose your time again.");
            return Redirect("/intake");
        }

        var result = await booking.BookAsync(PatientId, sid, pid, startUtc, catalogue);
        switch (result)
        {
            case BookingResult.Booked booked:
                if (!booked.AlreadyExisted)
                {
                    TempData["Flash"] = T("Your visit is booked. We are emailing you the details.");
                }

                return Redirect($"/appointments/{booked.Appointment.Id}");
            case BookingResult.Taken taken:
                return TakenView(await db.Services.SingleAsync(s => s.Id == sid), taken.Nearest);
            case BookingResult.LimitReached limit:
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View("Problem", new ProblemPage(T("You have as many visits booked as we can hold"),
                    T("You already have {0} visits booked ahead, the most one account can hold. You can book the next one " +
                      "after a visit has taken place, or move one of your visits. If you need more, please call us on {1}.", limit.Limit, settings.Current.Phone),
                    [], "/appointments", T("Your visits")));
            default:
                return Problem400(((BookingResult.Refused)result).Message, sid);
        }
    }

    private async Task<IActionResult> TakenAsync(Service service, int practitionerId, DateTime startUtc) =>
        TakenView(service, await booking.NearestAsync(service, practitionerId, startUtc));

    private ViewResult TakenView(Service service, IReadOnlyList<Slot> nearest)
    {
        var zone = settings.Current.Zone;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View("Problem", new ProblemPage(T("That time was just taken"),
            nearest.Count > 0 ? T("That time was just taken. These are the nearest free times:") : T("That time was just taken, and there are no other free times close to it. Please choose another week."),
            nearest.Select(s => (TimeFormat.When(s.StartUtc, zone), ConfirmHref(service.Id, s.PractitionerId, TimeFormat.Iso(s.StartUtc, zone)))).ToList(),
            $"/book?serviceId={service.Id}&practitionerId=any"));
    }

    /// <summary>After Clinic:NoShowLimit no-shows a patient books by phone until the desk lifts the block (issue 16).</summary>
    private ViewResult CallUsToBook()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View("Problem", CallUsToBookPage(settings.Current.Phone));
    }

    /// <summary>"Please call us to book" (403): the booking pages' and the course page's words for a blocked patient.</summary>
    internal static ProblemPage CallUsToBookPage(string phone) => new(T("Please call us to book"),
        T("We missed you at some recent visits, so new visits are booked by phone for now. Please call us on {0}: " +
          "we will find a time with you. Your visits already booked stay as they are.", phone),
        [], "/appointments", T("Your visits"));

    private ViewResult Problem400(string message, int? serviceId)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Problem", new ProblemPage(T("That time cannot be booked"), message, [],
            serviceId is null ? "/book" : $"/book?serviceId={serviceId}&practitionerId=any"));
    }

    private async Task<ServicesPage> ServicesPageAsync()
    {
        var zone = settings.Current.Zone;
        var stamps = await booking.ReadStampsAsync(null);
        var services = (await booking.CatalogueAsync(stamps)).Services;
        var next = await booking.FirstFreeAsync(services, clock.Today, clock.Today.AddDays(21), stamps);
        var choices = services.Select((service, i) => next[i] is { } slot
            ? new ServiceChoice(service, TimeFormat.When(slot.StartUtc, zone), ConfirmHref(service.Id, slot.PractitionerId, TimeFormat.Iso(slot.StartUtc, zone)))
            : new ServiceChoice(service, null));
        return new ServicesPage(choices.ToList(), settings.Current.Phone);
    }

    private string CancellationPolicy(DateTime startUtc)
    {
        var window = settings.Current.CancellationWindow;
        return startUtc < clock.UtcNow + window
            ? T("This time is less than {0} away, so once booked it cannot be changed or cancelled online: to change it, please call us on {1}.",
                TimeFormat.Span(window), settings.Current.Phone)
            : T("You can change or cancel online up to {0} before your visit. After that, please call us on {1}.", TimeFormat.Span(window), settings.Current.Phone);
    }

    private Task<Service?> FindServiceAsync(string? id) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var sid)
            ? db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sid && s.IsActive)
            : Task.FromResult<Service?>(null);

    private Task<Practitioner?> FindPractitionerAsync(string? id) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? db.Practitioners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pid && p.IsActive)
            : Task.FromResult<Practitioner?>(null);

    internal static string ConfirmHref(int serviceId, int practitionerId, string startIso) =>
        $"/book/confirm?serviceId={serviceId}&practitionerId={practitionerId}&start={Uri.EscapeDataString(startIso)}";

    private string PatientId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>A sentence of these pages in the reader's language (English is the key).</summary>
    private static string T(string english, params object[] arguments) => Text.Get<BookingText>(english, arguments);

    private sealed record Box<T>(T Value);
}
