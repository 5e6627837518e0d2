using System.Globalization;
using System.Security.Claims;
using ClinicBooking.Web.Domain.Practice;
using ClinicBooking.Web.Features.Booking;
using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ClinicBooking.Web.Features.Practice;

/// <summary>
/// The practitioner's workspace (PRODUCT.md §2 journey 3). Only their own visits exist here: any other id,
/// including a colleague's appointment, answers 404. Its messages are resource lookups (English is the key).
/// </summary>
[Authorize(Policy = Policies.Practitioner)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class PractitionerController(PracticeService practice, ClinicClock clock, IStringLocalizer<PractitionerController> text) : Controller
{
    /// <summary>How far ahead the day view looks for the next day with visits when no date is asked for.</summary>
    public const int DaysAheadForFirstVisit = 7;

    [HttpGet("/practitioner")]
    public async Task<IActionResult> Index(string? view, string? date)
    {
        if (await practice.ForUserAsync(UserId) is not { } me)
        {
            return NotFound();
        }

        if (!TryParseDate(date, out var day))
        {
            return Problem400(text["That date could not be read"], text["Use a date like 2026-12-01."], "/practitioner");
        }

        var week = view == "week";
        if (!week && string.IsNullOrEmpty(date))
        {
            // With no date asked for, the day view opens on the next day with visits (today, or within a week).
            day = await practice.FirstDayWithVisitsAsync(me.Id, clock.Today, clock.Today.AddDays(DaysAheadForFirstVisit)) ?? clock.Today;
        }

        var from = week ? WeekGrid.WeekStartOf(day) : day;
        var days = await practice.ScheduleAsync(me.Id, from, week ? from.AddDays(6) : from);
        return View(new SchedulePage(me.DisplayName, week, from, days, clock.Today, clock.Zone, OpenedAhead: !week && day != clock.Today && string.IsNullOrEmpty(date)));
    }

    [HttpGet("/practitioner/appointments/{id:int}")]
    public async Task<IActionResult> Appointment(int id)
    {
        if (await FindAsync(id) is not { } appointment)
        {
            return NotFound();
        }

        return View("Appointment", await practice.ReviewPageAsync(appointment, null, TempData["Flash"] as string));
    }

    [HttpPost("/practitioner/appointments/{id:int}/review")]
    public async Task<IActionResult> MarkReviewed(int id, [FromForm(Name = "Version")] int version)
    {
        if (await FindAsync(id) is not { } appointment)
        {
            return NotFound();
        }

        var result = await practice.MarkReviewedAsync(appointment, version, UserId);
        if (result is ReviewResult.Stale or ReviewResult.NoIntake)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("Appointment", await practice.ReviewPageAsync(appointment, null, result == ReviewResult.NoIntake
                ? text["There is no intake to mark reviewed yet."]
                : text["The patient has sent a newer version of their intake. Please read it (changes are marked) before marking it reviewed."]));
        }

        TempData["Flash"] = text["Intake version {0} is marked reviewed.", version].Value;
        return Redirect($"/practitioner/appointments/{id}");
    }

    /// <summary>"Called, OK to proceed" after urgent guidance: the patient's holds lift.</summary>
    [HttpPost("/practitioner/appointments/{id:int}/called")]
    public async Task<IActionResult> Called(int id, [FromServices] Intake.UrgentCases urgent)
    {
        if (await FindAsync(id) is not { } appointment)
        {
            return NotFound();
        }

        TempData["Flash"] = await urgent.ClearAsync(appointment.PatientId, UserId)
            ? text["Noted: you called the patient and the visit can go ahead. The hold is lifted."].Value
            : text["There is no hold on this patient (someone may have recorded the call already)."].Value;
        return Redirect($"/practitioner/appointments/{id}");
    }

    [HttpPost("/practitioner/appointments/{id:int}/outcome")]
    public async Task<IActionResult> Outcome(int id, [Bind(Prefix = "Outcome")] OutcomeInput input)
    {
        if (await FindAsync(id) is not { } appointment)
        {
            return NotFound();
        }

        if (!appointment.CanRecordOutcome(clock.UtcNow))
        {
            ModelState.AddModelError("Outcome.Attendance", text["You can record how the visit went once it has started."]);
        }

        if (input.BabyWeightGrams is not null && (input.BabyWeightDate is null || input.BabyWeightDate > clock.Today
                                                  || input.BabyWeightDate < clock.Today.AddYears(-2)))
        {
            ModelState.AddModelError("Outcome.BabyWeightDate", text["Enter the date baby was weighed (not in the future)."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Appointment", await practice.ReviewPageAsync(appointment, input, null));
        }

        await practice.RecordOutcomeAsync(appointment, input, UserId);
        TempData["Flash"] = text["The visit's outcome is saved."].Value;
        return Redirect($"/practitioner/appointments/{id}#outcome");
    }

    [HttpGet("/practitioner/availability")]
    public async Task<IActionResult> Availability() =>
        await practice.ForUserAsync(UserId, withHours: true) is { } me
            ? View(await AvailabilityPageAsync(me, null, [], null, null))
            : NotFound();

    [HttpPost("/practitioner/availability")]
    public async Task<IActionResult> SaveHours([FromForm] Dictionary<string, string?> form)
    {
        if (await practice.ForUserAsync(UserId, withHours: true) is not { } me)
        {
            return NotFound();
        }

        var hours = new List<HoursInterval>();
        var typed = new Dictionary<DayOfWeek, string>();
        foreach (var day in WeeklyHours.Week)
        {
            typed[day] = form.GetValueOrDefault(day.ToString()) ?? "";
            if (WeeklyHours.TryParse(day, typed[day], out var error) is { } parsed)
            {
                hours.AddRange(parsed);
            }
            else
            {
                ModelState.AddModelError(day.ToString(), text["{0}: {1}", Weekdays.Name(day), error!]);
            }
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Availability", await AvailabilityPageAsync(me, typed, [], null, null));
        }

        var stranded = await practice.SaveHoursAsync(me, hours);
        if (stranded.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("Availability", await AvailabilityPageAsync(me, typed, stranded,
                text["These hours were not saved: these booked visits would fall outside them. Move or cancel the visits first, or keep hours that cover them."], null));
        }

        TempData["Flash"] = text["Your working hours are saved. New bookings follow them at once."].Value;
        return Redirect("/practitioner/availability");
    }

    [HttpPost("/practitioner/availability/time-off")]
    public async Task<IActionResult> AddTimeOff([Bind(Prefix = "NewTimeOff")] TimeOffInput input)
    {
        if (await practice.ForUserAsync(UserId, withHours: true) is not { } me)
        {
            return NotFound();
        }

        DateTime? start = null, end = null;
        if (ModelState.IsValid)
        {
            start = practice.ToUtc(input.StartDate!.Value, input.StartTime!.Value);
            end = practice.ToUtc(input.EndDate!.Value, input.EndTime!.Value);
            if (start is null || end is null)
            {
                ModelState.AddModelError("NewTimeOff.StartTime", text["That time does not exist on that day (the clocks change). Choose another time."]);
            }
            else if (end <= start)
            {
                ModelState.AddModelError("NewTimeOff.EndDate", text["The time off must end after it starts."]);
            }
            else if (end <= practice.UtcNow || end - start > Domain.Booking.TimeOff.LongestSpan)
            {
                ModelState.AddModelError("NewTimeOff.EndDate", text["Time off must end in the future and last at most a year."]);
            }
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Availability", await AvailabilityPageAsync(me, null, [], null, input));
        }

        var clashes = await practice.AddTimeOffAsync(me.Id, start!.Value, end!.Value);
        if (clashes.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("Availability", await AvailabilityPageAsync(me, null, clashes,
                text["This time off was not saved: these booked visits fall inside it. Move or cancel them first."], input));
        }

        TempData["Flash"] = text["Your time off is saved. No visits can be booked in it."].Value;
        return Redirect("/practitioner/availability");
    }

    [HttpPost("/practitioner/availability/time-off/{timeOffId:int}/delete")]
    public async Task<IActionResult> RemoveTimeOff(int timeOffId)
    {
        if (await practice.ForUserAsync(UserId) is not { } me || !await practice.RemoveTimeOffAsync(me.Id, timeOffId))
        {
            return NotFound();
        }

        TempData["Flash"] = text["That time off is removed."].Value;
        return Redirect("/practitioner/availability");
    }

    private async Task<Domain.Booking.Appointment?> FindAsync(int id) =>
        await practice.ForUserAsync(UserId) is { } me ? await practice.FindAsync(me.Id, id) : null;

    private async Task<AvailabilityPage> AvailabilityPageAsync(Domain.Practitioner me, IReadOnlyDictionary<DayOfWeek, string>? typed,
        IReadOnlyList<Domain.Booking.Appointment> conflicts, string? conflictMessage, TimeOffInput? timeOff)
    {
        var hours = typed ?? WeeklyHours.Week.ToDictionary(d => d, d => WeeklyHours.Format(me.WeeklyHours().Where(h => h.Day == d)));
        return new AvailabilityPage(hours, await practice.UpcomingTimeOffAsync(me.Id), conflicts, conflictMessage,
            timeOff ?? new TimeOffInput(), clock.Zone, TempData["Flash"] as string);
    }

    private bool TryParseDate(string? text, out DateOnly date)
    {
        date = clock.Today;
        return string.IsNullOrEmpty(text)
               || (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
                   && date.Year is >= 2000 and <= 2100);
    }

    private ViewResult Problem400(string title, string message, string back)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("~/Features/Booking/Problem.cshtml", new ProblemPage(title, message, [], back, text["Back to the schedule"]));
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
