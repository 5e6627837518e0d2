using ClinicBooking.Web.Domain.Intake;
using System.Security.Claims;
using System.Text;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Features.Booking;
using ClinicBooking.Web.Features.Intake;
using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace ClinicBooking.Web.Features.Appointments;

/// <param name="IntakeSentUtc">When the latest intake version was sent; null when none is.</param>
/// <param name="StepsDone">Steps of the draft with all their required answers (when no intake is sent yet).</param>
public sealed record AppointmentsPage(IReadOnlyList<Appointment> Upcoming, IReadOnlyList<Appointment> Past, TimeZoneInfo Zone,
    DateTime? IntakeSentUtc = null, bool HasDraft = false, int StepsDone = 0, int Steps = 0, bool CanChangeNext = false);

public sealed record AppointmentPage(Appointment Appointment, TimeZoneInfo Zone, bool CanChange, bool NeedsIntake, string Phone,
    string Address, string? Flash)
{
    /// <summary>Urgent guidance was shown: the visit is kept, and the clinic calls before it goes ahead.</summary>
    public bool Held { get; init; }

    /// <summary>The change window as words ("24 hours"), as the grid and confirm page say it.</summary>
    public string ChangeWindow { get; init; } = "";

    /// <summary>Whether the page offers "Book the rest of your course" (issue 16).</summary>
    public bool CanBookCourse { get; init; }

    /// <summary>"Add to Google Calendar" and "Outlook" for a booked visit (issue 16); null otherwise.</summary>
    public CalendarFeed.CalendarLinks.Event? CalendarEvent { get; init; }
}

public sealed record ReschedulePage(Appointment Appointment, WeekGrid Grid, string? ChosenIso, string? ChosenWhen, TimeZoneInfo Zone);

/// <summary>A patient's own appointments. Anyone else's id answers 404, as does an unknown one.</summary>
[Authorize(Policy = Policies.Patient)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class AppointmentsController(
    BookingService booking,
    ClinicBooking.Web.Features.Notifications.EmailRenderer emails,
    IntakeService intake,
    UrgentCases urgent,
    ClinicSettingsStore settings,
    ClinicClock clock,
    PublicAddress publicAddress,
    CourseBooking courses,
    Desk.DeskService desk) : Controller
{
    [HttpGet("/appointments")]
    public async Task<IActionResult> Index()
    {
        var all = await booking.ForPatientAsync(PatientId);
        var now = clock.UtcNow;
        var upcoming = all.Where(a => a.IsActive && a.EndUtc > now).ToList();
        // The patient's home: what to do next (the intake, a first booking) above the visits themselves.
        var latest = await intake.LatestAsync(PatientId);
        var draft = latest is null ? await intake.DraftAsync(PatientId) : null;
        return View(new AppointmentsPage(
            upcoming,
            all.Where(a => !(a.IsActive && a.EndUtc > now)).OrderByDescending(a => a.StartUtc).ToList(),
            settings.Current.Zone,
            latest?.SubmittedUtc, draft is not null, draft is null ? 0 : IntakeProgress.StepsDone(draft.Answers, clock.Today),
            IntakeForm.Sections.Count,
            upcoming.FirstOrDefault()?.CanBeChangedByPatient(now, settings.Current.CancellationWindow) ?? false));
    }

    [HttpGet("/appointments/{id:int}")]
    public async Task<IActionResult> Show(int id)
    {
        if (await booking.FindForPatientAsync(PatientId, id) is not { } appointment)
        {
            return NotFound();
        }

        var needsIntake = appointment.Service!.RequiresIntake && !await intake.HasSubmittedAsync(PatientId);
        return View("Show", new AppointmentPage(appointment, settings.Current.Zone,
            appointment.CanBeChangedByPatient(clock.UtcNow, settings.Current.CancellationWindow), needsIntake,
            settings.Current.Phone, settings.Current.Address, TempData["Flash"] as string)
        {
            Held = appointment.IsActive && await urgent.IsHeldAsync(PatientId),
            ChangeWindow = TimeFormat.Span(settings.Current.CancellationWindow),
            CanBookCourse = courses.CanStartFrom(appointment),
            CalendarEvent = appointment.IsActive
                ? CalendarFeed.CalendarLinks.For(appointment, settings.Current.Name, settings.Current.Address, settings.Current.Phone, publicAddress.BaseUrl)
                : null,
        });
    }

    [HttpGet("/appointments/{id:int}/calendar.ics")]
    public async Task<IActionResult> Calendar(int id) =>
        await booking.FindForPatientAsync(PatientId, id) is { } appointment
            ? File(Encoding.UTF8.GetBytes(emails.Calendar(appointment)), "text/calendar", $"visit-{id}.ics")
            : NotFound();

    /// <summary>"Are you sure?" before cancelling: one tap never cancels a visit.</summary>
    [HttpGet("/appointments/{id:int}/cancel")]
    public async Task<IActionResult> ConfirmCancel(int id)
    {
        if (await booking.FindForPatientAsync(PatientId, id) is not { } appointment)
        {
            return NotFound();
        }

        if (!appointment.CanBeChangedByPatient(clock.UtcNow, settings.Current.CancellationWindow))
        {
            return TooLate(appointment);
        }

        return View("Cancel", new AppointmentPage(appointment, settings.Current.Zone, true, false, settings.Current.Phone,
            settings.Current.Address, null));
    }

    [HttpPost("/appointments/{id:int}/cancel")]
    public async Task<IActionResult> Cancel(int id)
    {
        if (await booking.FindForPatientAsync(PatientId, id) is not { } appointment)
        {
            return NotFound();
        }

        if (!appointment.IsActive)
        {
            TempData["Flash"] = T("This visit was already cancelled.");
            return Redirect($"/appointments/{id}");
        }

        if (!appointment.CanBeChangedByPatient(clock.UtcNow, settings.Current.CancellationWindow))
        {
            return TooLate(appointment);
        }

        await booking.CancelAsync(appointment);
        TempData["Flash"] = T("Your visit is cancelled. We are emailing you to confirm.");
        return Redirect($"/appointments/{id}");
    }

    [HttpGet("/appointments/{id:int}/reschedule")]
    public async Task<IActionResult> Reschedule(int id, string? week, string? start)
    {
        if (await booking.FindForPatientAsync(PatientId, id) is not { } appointment)
        {
            return NotFound();
        }

        if (!appointment.CanBeChangedByPatient(clock.UtcNow, settings.Current.CancellationWindow))
        {
            return TooLate(appointment);
        }

        var zone = settings.Current.Zone;
        var today = clock.Today;
        var monday = WeekGrid.ParseWeek(week) ?? WeekGrid.WeekStartOf(DateOnly.FromDateTime(clock.ToLocal(appointment.StartUtc)));
        if (monday < WeekGrid.WeekStartOf(today) || monday > today.AddDays(settings.Current.BookingHorizonDays))
        {
            monday = WeekGrid.WeekStartOf(today);
        }

        var slots = await booking.FreeSlotsAsync(appointment.Service!, appointment.PractitionerId, monday, monday.AddDays(6), exceptAppointmentId: id);
        var grid = WeekGrid.Build(slots.Where(s => s.StartUtc != appointment.StartUtc).ToList(), monday, today, settings.Current.BookingHorizonDays, zone,
            s => $"/appointments/{id}/reschedule?start={Uri.EscapeDataString(TimeFormat.Iso(s.StartUtc, zone))}&week={monday:yyyy-MM-dd}",
            w => $"/appointments/{id}/reschedule?week={w:yyyy-MM-dd}",
            s => TimeFormat.When(s.StartUtc, zone), clock.UtcNow + settings.Current.CancellationWindow,
            TimeFormat.Span(settings.Current.CancellationWindow));
        string? chosenIso = null, chosenWhen = null;
        if (TimeFormat.TryParseIso(start, out var chosen))
        {
            chosenIso = TimeFormat.Iso(chosen, zone);
            chosenWhen = TimeFormat.When(chosen, zone);
        }

        return View(new ReschedulePage(appointment, grid, chosenIso, chosenWhen, zone));
    }

    [EnableRateLimiting(RateLimitPolicies.Booking)]
    [HttpPost("/appointments/{id:int}/reschedule")]
    public async Task<IActionResult> Reschedule(int id, [FromForm(Name = "Start")] string? start)
    {
        if (await booking.FindForPatientAsync(PatientId, id) is not { } appointment)
        {
            return NotFound();
        }

        if (!appointment.CanBeChangedByPatient(clock.UtcNow, settings.Current.CancellationWindow))
        {
            return TooLate(appointment);
        }

        if (!TimeFormat.TryParseIso(start, out var startUtc))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("~/Features/Booking/Problem.cshtml", new ProblemPage(T("That time cannot be booked"),
                T("That time could not be read. Please choose one of the times shown."), [], $"/appointments/{id}/reschedule"));
        }

        var result = await booking.RescheduleAsync(appointment, startUtc);
        var zone = settings.Current.Zone;
        switch (result)
        {
            case BookingResult.Booked booked:
                if (!booked.AlreadyExisted)
                {
                    TempData["Flash"] = T("Your visit has moved to {0}. We are emailing you the details.", TimeFormat.When(appointment.StartUtc, zone));
                }

                return Redirect($"/appointments/{id}");
            case BookingResult.Taken taken:
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View("~/Features/Booking/Problem.cshtml", new ProblemPage(T("That time was just taken"),
                    T("That time was just taken. These are the nearest free times:"),
                    taken.Nearest.Where(s => s.StartUtc != appointment.StartUtc)
                        .Select(s => (TimeFormat.When(s.StartUtc, zone), $"/appointments/{id}/reschedule?start={Uri.EscapeDataString(TimeFormat.Iso(s.StartUtc, zone))}")).ToList(),
                    $"/appointments/{id}/reschedule"));
            default:
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return View("~/Features/Booking/Problem.cshtml", new ProblemPage(T("That time cannot be booked"),
                    ((BookingResult.Refused)result).Message, [], $"/appointments/{id}/reschedule"));
        }
    }

    /// <summary>Issue 16: the rest of a treatment course, proposed at the service's spacing with the same practitioner.</summary>
    [HttpGet("/appointments/{id:int}/course")]
    public async Task<IActionResult> Course(int id)
    {
        if (await booking.FindForPatientAsync(PatientId, id) is not { } appointment)
        {
            return NotFound();
        }

        if (appointment.CourseId is { } courseId)
        {
            return Redirect($"/appointments/{await courses.FirstOfAsync(courseId)}");
        }

        if (!courses.CanStartFrom(appointment))
        {
            return NotFound();
        }

        return await desk.MayBookOnlineAsync(PatientId) ? await CoursePageAsync(appointment, null, StatusCodes.Status200OK) : CallUsToBook();
    }

    /// <summary>Books every chosen session or none (one write transaction); a repeated submit books once.</summary>
    [EnableRateLimiting(RateLimitPolicies.Booking)]
    [HttpPost("/appointments/{id:int}/course")]
    public async Task<IActionResult> BookCourse(int id, [FromForm(Name = "Starts")] string?[]? starts)
    {
        if (await booking.FindForPatientAsync(PatientId, id) is not { } appointment)
        {
            return NotFound();
        }

        if (appointment.CourseId is { } courseId)
        {
            TempData["Flash"] = T("Your course is booked. We are emailing you every session's time.");
            return Redirect($"/appointments/{await courses.FirstOfAsync(courseId)}");
        }

        if (!courses.CanStartFrom(appointment))
        {
            return NotFound();
        }

        if (!await desk.MayBookOnlineAsync(PatientId))
        {
            return CallUsToBook();
        }

        if (CourseBooking.ParseStarts(starts) is not { } chosen)
        {
            return await CoursePageAsync(appointment, T("A time could not be read. Please choose the times again."), StatusCodes.Status400BadRequest);
        }

        var zone = settings.Current.Zone;
        switch (await courses.BookAsync(appointment, chosen))
        {
            case CourseResult.Booked booked:
                if (!booked.AlreadyExisted)
                {
                    TempData["Flash"] = T("Your course is booked. We are emailing you every session's time.");
                }

                return Redirect($"/appointments/{id}");
            case CourseResult.Taken taken:
                return await CoursePageAsync(appointment,
                    T("The time you chose for session {0}, {1}, was just taken, so nothing was booked. Here are fresh proposals: please check them and book again.",
                        taken.Session, TimeFormat.When(chosen[taken.Session - 2], zone)), StatusCodes.Status409Conflict);
            case CourseResult.LimitReached limit:
                return await CoursePageAsync(appointment,
                    T("That would make more than {0} visits booked ahead, the most one account can hold. Book fewer sessions now, or call us on {1}.",
                        limit.Limit, settings.Current.Phone), StatusCodes.Status409Conflict);
            case var refused:
                return await CoursePageAsync(appointment, ((CourseResult.Refused)refused).Message, StatusCodes.Status400BadRequest);
        }
    }

    private async Task<IActionResult> CoursePageAsync(Appointment appointment, string? problem, int status)
    {
        Response.StatusCode = status;
        var plan = await courses.PlanAsync(appointment);
        return View("Course", CoursePage.From(plan, settings.Current.Zone, $"/appointments/{appointment.Id}/course",
            $"/appointments/{appointment.Id}", settings.Current.Phone, problem));
    }

    /// <summary>After Clinic:NoShowLimit no-shows a patient books by phone (the booking pages' message).</summary>
    private ViewResult CallUsToBook()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View("~/Features/Booking/Problem.cshtml", BookingController.CallUsToBookPage(settings.Current.Phone));
    }

    private ViewResult TooLate(Appointment appointment)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("TooLate", new AppointmentPage(appointment, settings.Current.Zone, false, false, settings.Current.Phone,
            settings.Current.Address, null));
    }

    private string PatientId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>A sentence of the visit pages in the reader's language; they share the booking pages' words.</summary>
    private static string T(string english, params object[] arguments) => Text.Get<BookingText>(english, arguments);
}
