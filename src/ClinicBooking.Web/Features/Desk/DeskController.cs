using System.Globalization;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Features.Booking;
using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace ClinicBooking.Web.Features.Desk;

/// <summary>
/// The front desk (Reception and Admin, issue 16): find a patient, make an account for a caller, see every
/// practitioner's day, and book, move, cancel or mark a no-show for a patient. The desk never sees intake answers,
/// flags or notes: only the intake's state and whether the patient's visits are held.
/// </summary>
[Authorize(Policy = Policies.Desk)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class DeskController(DeskService desk, BookingService booking, CourseBooking courses, ClinicSettingsStore settings, ClinicClock clock) : Controller
{
    private const int MaxQuery = 100;

    [HttpGet("/desk")]
    public async Task<IActionResult> Index(string? q, string? date)
    {
        var today = clock.Today;
        var day = ParseDate(date) is { } d && d >= today.AddDays(-60) && d <= today.AddDays(settings.Current.BookingHorizonDays + 30) ? d : today;
        IReadOnlyList<DeskPatientLine>? results = null;
        string? problem = null;
        var query = q?.Trim();
        if (query is { Length: > 0 })
        {
            if (query.Length < 2 || query.Length > MaxQuery)
            {
                problem = "Type at least 2 and at most 100 characters of a name, email or phone number.";
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
            else
            {
                results = await desk.SearchAsync(query);
            }
        }

        return View(new DeskHomePage(query, results, day, today, await desk.DayAsync(day), settings.Current.Zone, problem, clock.UtcNow));
    }

    [HttpGet("/desk/patients/new")]
    public IActionResult NewPatient() => View(new NewPatientInput());

    [EnableRateLimiting(RateLimitPolicies.Booking)]
    [HttpPost("/desk/patients/new")]
    public async Task<IActionResult> NewPatient([FromForm] NewPatientInput input)
    {
        if (ModelState.IsValid && await desk.CreatePatientAsync(input, ModelState) is { } id)
        {
            TempData["Flash"] = $"Account made. {input.FullName!.Trim()} will get an email to set a password; you can book for them now.";
            return Redirect($"/desk/patients/{id}");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(input);
    }

    [HttpGet("/desk/patients/{id}")]
    public async Task<IActionResult> Patient(string id)
    {
        if (!IsId(id) || await desk.PatientAsync(id) is not { } patient)
        {
            return NotFound();
        }

        await desk.AuditPatientViewAsync(id);
        return View(new DeskPatientPage(patient, settings.Current.Zone, TempData["Flash"] as string, clock.UtcNow));
    }

    [HttpPost("/desk/patients/{id}/lift-noshows")]
    public async Task<IActionResult> LiftNoShows(string id)
    {
        if (!IsId(id) || await desk.PatientAsync(id) is null)
        {
            return NotFound();
        }

        await desk.LiftNoShowBlockAsync(id);
        TempData["Flash"] = "Online booking is open again for this patient.";
        return Redirect($"/desk/patients/{id}");
    }

    [HttpGet("/desk/patients/{id}/book")]
    public async Task<IActionResult> Book(string id, string? serviceId, string? practitionerId, string? date)
    {
        if (!IsId(id) || await desk.PatientAsync(id) is not { } patient)
        {
            return NotFound();
        }

        return View("Book", await BookPageAsync(patient.Person, serviceId, practitionerId, date, null, null));
    }

    [EnableRateLimiting(RateLimitPolicies.Booking)]
    [HttpPost("/desk/patients/{id}/book")]
    public async Task<IActionResult> BookFor(string id, [FromForm(Name = "ServiceId")] string? serviceId,
        [FromForm(Name = "PractitionerId")] string? practitionerId, [FromForm(Name = "Start")] string? start)
    {
        if (!IsId(id) || await desk.PatientAsync(id) is not { } patient)
        {
            return NotFound();
        }

        if (!int.TryParse(serviceId, NumberStyles.None, CultureInfo.InvariantCulture, out var sid)
            || !int.TryParse(practitionerId, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !TimeFormat.TryParseIso(start, out var startUtc))
        {
            return await BookProblemAsync(patient.Person, serviceId, practitionerId, null, null, StatusCodes.Status400BadRequest,
                "That time could not be read. Please choose one of the times shown.");
        }

        var result = await booking.BookAsync(id, sid, pid, startUtc);
        switch (result)
        {
            case BookingResult.Booked booked:
                if (!booked.AlreadyExisted)
                {
                    await desk.AuditAsync(DeskActions.Book, booked.Appointment);
                    TempData["Flash"] = $"Booked {TimeFormat.When(booked.Appointment.StartUtc, settings.Current.Zone)}. The patient is being emailed the details.";
                }

                return Redirect($"/desk/patients/{id}");
            case BookingResult.Taken:
                return await BookProblemAsync(patient.Person, serviceId, practitionerId, DateOf(startUtc), null, StatusCodes.Status409Conflict,
                    "That time was just taken. Here are the free times left that day.");
            case BookingResult.LimitReached limit:
                return await BookProblemAsync(patient.Person, serviceId, practitionerId, DateOf(startUtc), null, StatusCodes.Status409Conflict,
                    $"This patient already has {limit.Limit} visits booked ahead, the most one account can hold. Move or cancel one first.");
            default:
                return await BookProblemAsync(patient.Person, serviceId, practitionerId, DateOf(startUtc), null, StatusCodes.Status400BadRequest,
                    ((BookingResult.Refused)result).Message);
        }
    }

    [HttpGet("/desk/appointments/{id:int}/reschedule")]
    public async Task<IActionResult> Reschedule(int id, string? date)
    {
        if (await desk.FindVisitAsync(id) is not { } visit || await desk.PatientAsync(visit.PatientId) is not { } patient)
        {
            return NotFound();
        }

        if (!visit.IsActive || visit.StartUtc <= clock.UtcNow)
        {
            TempData["Flash"] = "Only a booked visit that has not started can be moved.";
            return Redirect($"/desk/patients/{visit.PatientId}");
        }

        return View("Book", await BookPageAsync(patient.Person, visit.ServiceId.ToString(CultureInfo.InvariantCulture),
            visit.PractitionerId.ToString(CultureInfo.InvariantCulture), date ?? DateOf(visit.StartUtc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), visit, null));
    }

    [EnableRateLimiting(RateLimitPolicies.Booking)]
    [HttpPost("/desk/appointments/{id:int}/reschedule")]
    public async Task<IActionResult> Move(int id, [FromForm(Name = "Start")] string? start)
    {
        if (await desk.FindVisitAsync(id) is not { } visit || await desk.PatientAsync(visit.PatientId) is not { } patient)
        {
            return NotFound();
        }

        var service = visit.ServiceId.ToString(CultureInfo.InvariantCulture);
        var practitioner = visit.PractitionerId.ToString(CultureInfo.InvariantCulture);
        if (!visit.IsActive || visit.StartUtc <= clock.UtcNow)
        {
            return await BookProblemAsync(patient.Person, service, practitioner, null, visit, StatusCodes.Status409Conflict,
                "Only a booked visit that has not started can be moved.");
        }

        if (!TimeFormat.TryParseIso(start, out var startUtc))
        {
            return await BookProblemAsync(patient.Person, service, practitioner, null, visit, StatusCodes.Status400BadRequest,
                "That time could not be read. Please choose one of the times shown.");
        }

        // The desk may move a visit inside the patient's change window: the same free times, no window check.
        var result = await booking.RescheduleAsync(visit, startUtc);
        switch (result)
        {
            case BookingResult.Booked booked:
                if (!booked.AlreadyExisted)
                {
                    await desk.AuditAsync(DeskActions.Move, visit);
                    TempData["Flash"] = $"Moved to {TimeFormat.When(visit.StartUtc, settings.Current.Zone)}. The patient is being emailed the new time.";
                }

                return Redirect($"/desk/patients/{visit.PatientId}");
            case BookingResult.Taken:
                return await BookProblemAsync(patient.Person, service, practitioner, DateOf(startUtc), visit, StatusCodes.Status409Conflict,
                    "That time was just taken. Here are the free times left that day.");
            default:
                return await BookProblemAsync(patient.Person, service, practitioner, DateOf(startUtc), visit, StatusCodes.Status400BadRequest,
                    result is BookingResult.Refused refused ? refused.Message : "That time cannot be booked.");
        }
    }

    /// <summary>Issue 16: the rest of a treatment course for a patient who called, as the patient would book it online.</summary>
    [HttpGet("/desk/appointments/{id:int}/course")]
    public async Task<IActionResult> Course(int id)
    {
        if (await desk.FindVisitAsync(id) is not { } visit || await desk.PatientAsync(visit.PatientId) is null)
        {
            return NotFound();
        }

        if (visit.CourseId is not null)
        {
            TempData["Flash"] = "This visit's course is already booked.";
            return Redirect($"/desk/patients/{visit.PatientId}");
        }

        return courses.CanStartFrom(visit) ? await CoursePageAsync(visit, null, StatusCodes.Status200OK) : NotFound();
    }

    [EnableRateLimiting(RateLimitPolicies.Booking)]
    [HttpPost("/desk/appointments/{id:int}/course")]
    public async Task<IActionResult> BookCourse(int id, [FromForm(Name = "Starts")] string?[]? starts)
    {
        if (await desk.FindVisitAsync(id) is not { } visit || await desk.PatientAsync(visit.PatientId) is null)
        {
            return NotFound();
        }

        if (visit.CourseId is not null)
        {
            TempData["Flash"] = "This visit's course is already booked.";
            return Redirect($"/desk/patients/{visit.PatientId}");
        }

        if (!courses.CanStartFrom(visit))
        {
            return NotFound();
        }

        if (CourseBooking.ParseStarts(starts) is not { } chosen)
        {
            return await CoursePageAsync(visit, "A time could not be read. Please choose the times again.", StatusCodes.Status400BadRequest);
        }

        // The desk books for a patient blocked online after no-shows (they called, as asked); the visits-ahead cap still holds.
        switch (await courses.BookAsync(visit, chosen))
        {
            case CourseResult.Booked booked:
                if (!booked.AlreadyExisted)
                {
                    await desk.AuditCourseAsync(booked.CourseId, visit.PatientId);
                    TempData["Flash"] = $"Booked {booked.Sessions.Count - 1} more sessions of the course. The patient is being emailed every time.";
                }

                return Redirect($"/desk/patients/{visit.PatientId}");
            case CourseResult.Taken taken:
                return await CoursePageAsync(visit, $"The time chosen for session {taken.Session}, {TimeFormat.When(chosen[taken.Session - 2], settings.Current.Zone)}, " +
                                                    "was just taken, so nothing was booked. Here are fresh proposals: check them and book again.", StatusCodes.Status409Conflict);
            case CourseResult.LimitReached limit:
                return await CoursePageAsync(visit, $"That would make more than {limit.Limit} visits booked ahead, the most one account can hold. Book fewer sessions now.",
                    StatusCodes.Status409Conflict);
            case var refused:
                return await CoursePageAsync(visit, ((CourseResult.Refused)refused).Message, StatusCodes.Status400BadRequest);
        }
    }

    private async Task<IActionResult> CoursePageAsync(Appointment visit, string? problem, int status)
    {
        Response.StatusCode = status;
        var plan = await courses.PlanAsync(visit);
        return View("Course", CoursePage.From(plan, settings.Current.Zone, $"/desk/appointments/{visit.Id}/course",
            $"/desk/patients/{visit.PatientId}", settings.Current.Phone, problem));
    }

    [HttpPost("/desk/appointments/{id:int}/cancel")]
    public async Task<IActionResult> Cancel(int id)
    {
        if (await desk.FindVisitAsync(id) is not { } visit || await desk.PatientAsync(visit.PatientId) is null)
        {
            return NotFound();
        }

        if (!visit.IsActive)
        {
            TempData["Flash"] = "This visit was already cancelled or has taken place.";
        }
        else if (visit.StartUtc <= clock.UtcNow)
        {
            TempData["Flash"] = "This visit has started: mark it as a no-show instead of cancelling it.";
        }
        else
        {
            // Inside the patient's change window too: they called the clinic, as the window's message asks.
            await booking.CancelAsync(visit);
            await desk.AuditAsync(DeskActions.Cancel, visit);
            TempData["Flash"] = $"Cancelled the visit of {TimeFormat.When(visit.StartUtc, settings.Current.Zone)}. The patient is being emailed.";
        }

        return Redirect($"/desk/patients/{visit.PatientId}");
    }

    [HttpPost("/desk/appointments/{id:int}/noshow")]
    public async Task<IActionResult> NoShow(int id, string? returnTo)
    {
        if (await desk.FindVisitAsync(id) is not { } visit || await desk.PatientAsync(visit.PatientId) is null)
        {
            return NotFound();
        }

        TempData["Flash"] = await desk.MarkNoShowAsync(visit)
            ? "Marked as a no-show."
            : visit.Status == AppointmentStatus.NoShow ? "This visit was already marked as a no-show."
            : "A visit can be marked as a no-show once it has started, and not when it was cancelled.";
        return Redirect(returnTo == "day" ? $"/desk?date={DateOf(visit.StartUtc):yyyy-MM-dd}" : $"/desk/patients/{visit.PatientId}");
    }

    private async Task<IActionResult> BookProblemAsync(DeskPatientLine patient, string? serviceId, string? practitionerId, DateOnly? date,
        Appointment? moving, int status, string problem)
    {
        Response.StatusCode = status;
        return View("Book", await BookPageAsync(patient, serviceId, practitionerId, date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), moving, problem));
    }

    private async Task<DeskBookPage> BookPageAsync(DeskPatientLine patient, string? serviceId, string? practitionerId, string? date,
        Appointment? moving, string? problem)
    {
        var zone = settings.Current.Zone;
        var today = clock.Today;
        var lastDay = today.AddDays(settings.Current.BookingHorizonDays);
        var catalogue = await booking.CatalogueAsync(await booking.ReadStampsAsync(null));
        var service = (int.TryParse(serviceId, NumberStyles.None, CultureInfo.InvariantCulture, out var sid) ? catalogue.ActiveService(sid) : null)
                      ?? moving?.Service ?? catalogue.Services.FirstOrDefault();
        int? chosen = int.TryParse(practitionerId, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && catalogue.ActivePractitioner(pid) is not null ? pid : null;
        if (moving is not null)
        {
            chosen = moving.PractitionerId;
        }

        var day = ParseDate(date) is { } d && d >= today && d <= lastDay ? d : today;
        var times = new List<(string, string, int, string)>();
        if (service is not null)
        {
            var slots = await booking.FreeSlotsAsync(service, chosen, day, day, exceptAppointmentId: moving?.Id);
            var names = catalogue.Practitioners.ToDictionary(p => p.Id, p => p.DisplayName);
            times.AddRange(slots.Where(s => moving is null || s.StartUtc != moving.StartUtc).OrderBy(s => s.StartUtc).ThenBy(s => s.PractitionerId)
                .Select(s => (TimeFormat.Time(s.StartUtc, zone), TimeFormat.Iso(s.StartUtc, zone), s.PractitionerId, names.GetValueOrDefault(s.PractitionerId, ""))));
        }

        return new DeskBookPage(patient, catalogue.Services, catalogue.Practitioners, service!, chosen, day, today, lastDay, times, zone,
            moving?.Id, moving is null ? null : TimeFormat.When(moving.StartUtc, zone), problem);
    }

    private DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(clock.ToLocal(utc));

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>Account ids are GUIDs; anything else is not worth a query.</summary>
    private static bool IsId(string? id) => id is { Length: > 0 and <= 64 } && Guid.TryParse(id, out _);
}
