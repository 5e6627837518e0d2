using System.Globalization;
using System.Security.Claims;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Features.Booking;
using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Features.Waitlist;

/// <summary>
/// The waitlist (issue 16): a patient joins it for a service when no time fits, sees and leaves their places, and
/// opens the times it offers them by email; the front desk and admins see who is waiting.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class WaitlistController(
    WaitlistService waitlist,
    BookingService booking,
    ClinicDbContext db,
    ClinicClock clock,
    ClinicSettingsStore settings,
    AuditLog audit,
    Desk.DeskService desk) : Controller
{
    public const string RemoveAction = "desk.waitlist.remove";
    public const string AddAction = "desk.waitlist.add";

    [Authorize(Policy = Policies.Patient)]
    [HttpGet("/waitlist")]
    public async Task<IActionResult> Index()
    {
        var now = clock.UtcNow;
        var zone = settings.Current.Zone;
        var places = new List<WaitlistPlace>();
        foreach (var entry in await waitlist.ForPatientAsync(PatientId))
        {
            // A time that suits a waiter may be free already (joined just after one freed up): say so at once.
            var free = entry.IsWaiting(now) ? (await waitlist.SuitingAsync(entry, 1)).FirstOrDefault() : null;
            places.Add(new WaitlistPlace(entry, free is null ? null : TimeFormat.When(free.StartUtc, zone),
                free is null ? null : BookingController.ConfirmHref(entry.ServiceId, free.PractitionerId, TimeFormat.Iso(free.StartUtc, zone))));
        }

        return View(new WaitlistPage(places, zone, now, settings.Current.Phone));
    }

    [Authorize(Policy = Policies.Patient)]
    [HttpGet("/waitlist/join")]
    public async Task<IActionResult> Join(string? serviceId, string? practitionerId) =>
        View(await JoinPageAsync(new JoinInput { ServiceId = serviceId, PractitionerId = practitionerId ?? "any" }, null, JoinPlace.Own));

    [Authorize(Policy = Policies.Patient)]
    [HttpPost("/waitlist")]
    public async Task<IActionResult> Join([FromForm] JoinInput input)
    {
        if (Parse(input) is { Problem: { } problem })
        {
            return await JoinProblemAsync(input, problem, JoinPlace.Own);
        }

        var choice = Parse(input).Choice!;
        return await waitlist.JoinAsync(PatientId, choice.ServiceId, choice.PractitionerId, choice.Days, choice.Times) switch
        {
            JoinResult.Joined => Done(T("You are on the waitlist. We will email you as soon as a time that suits you comes free."), "/waitlist"),
            JoinResult.Updated => Done(T("You were already on the waitlist for this: we have changed your days and times, and kept your place."), "/waitlist"),
            var result => await JoinProblemAsync(input, Refusal(result), JoinPlace.Own, Status(result)),
        };
    }

    /// <summary>The front desk puts a caller on the waitlist (PRODUCT.md: Reception runs the waitlist); audited.</summary>
    [Authorize(Policy = Policies.Desk)]
    [HttpGet("/desk/patients/{id}/waitlist")]
    public async Task<IActionResult> DeskJoin(string id, string? serviceId) =>
        await CallerNameAsync(id) is { } name
            ? View("Join", await JoinPageAsync(new JoinInput { ServiceId = serviceId }, null, JoinPlace.ForCaller(id, name)))
            : NotFound();

    [Authorize(Policy = Policies.Desk)]
    [HttpPost("/desk/patients/{id}/waitlist")]
    public async Task<IActionResult> DeskJoin(string id, [FromForm] JoinInput input)
    {
        if (await CallerNameAsync(id) is not { } name)
        {
            return NotFound();
        }

        var place = JoinPlace.ForCaller(id, name);
        if (Parse(input) is { Problem: { } problem })
        {
            return await JoinProblemAsync(input, problem, place);
        }

        var choice = Parse(input).Choice!;
        var result = await waitlist.JoinAsync(id, choice.ServiceId, choice.PractitionerId, choice.Days, choice.Times,
            User.FindFirstValue(ClaimTypes.NameIdentifier));
        if (result is not (JoinResult.Joined or JoinResult.Updated))
        {
            return await JoinProblemAsync(input, Refusal(result), place, Status(result));
        }

        await audit.WriteAsync(AddAction, nameof(WaitlistEntry), null, id);
        return Done(result == JoinResult.Joined
            ? $"{name} is on the waitlist: they will be emailed as soon as a time that suits them comes free."
            : $"{name} was already waiting for this: their days and times are changed, their place kept.", $"/desk/patients/{id}");
    }

    [Authorize(Policy = Policies.Patient)]
    [HttpPost("/waitlist/{id:int}/leave")]
    public async Task<IActionResult> Leave(int id)
    {
        if (!await waitlist.LeaveAsync(PatientId, id))
        {
            return NotFound();
        }

        TempData["Flash"] = T("You have left the waitlist for that. You can join again at any time.");
        return Redirect("/waitlist");
    }

    /// <summary>
    /// The link in an offer's email: the time, if it is still free and the patient still waiting, goes straight to
    /// the usual confirm page (every booking rule applies there); otherwise the next free times that suit them.
    /// </summary>
    [Authorize(Policy = Policies.Patient)]
    [HttpGet("/waitlist/offers/{id:int}")]
    public async Task<IActionResult> Offer(int id)
    {
        var offer = await db.WaitlistOffers.AsNoTracking().Include(o => o.Entry).ThenInclude(e => e!.Service)
            .SingleOrDefaultAsync(o => o.Id == id && o.Entry!.PatientId == PatientId);
        if (offer?.Entry is not { } entry)
        {
            return NotFound();
        }

        var zone = settings.Current.Zone;
        var now = clock.UtcNow;
        if (!entry.IsWaiting(now) || entry.Service is not { IsActive: true } service)
        {
            var why = entry.Status switch
            {
                WaitlistStatus.Booked => T("You have booked a visit since we sent this, so your place on the waitlist has closed."),
                WaitlistStatus.Left => T("You left the waitlist, so we no longer offer you times."),
                _ => T("Your place on the waitlist has ended."),
            };
            return View("Offer", new OfferPage(T("This offer has closed"), why, [], true));
        }

        if (await waitlist.IsFreeAsync(service, offer.PractitionerId, offer.StartUtc))
        {
            return Redirect(BookingController.ConfirmHref(service.Id, offer.PractitionerId, TimeFormat.Iso(offer.StartUtc, zone)));
        }

        Response.StatusCode = StatusCodes.Status409Conflict;
        var next = await waitlist.SuitingAsync(entry, 6);
        return View("Offer", new OfferPage(T("That time has been booked"),
            next.Count > 0
                ? T("Someone else booked {0} first. These free times also suit you:", TimeFormat.When(offer.StartUtc, zone))
                : T("Someone else booked {0} first, and no other time that suits you is free yet. You stay on the waitlist: we will email you when one comes free.",
                    TimeFormat.When(offer.StartUtc, zone)),
            next.Select(s => (TimeFormat.When(s.StartUtc, zone), BookingController.ConfirmHref(service.Id, s.PractitionerId, TimeFormat.Iso(s.StartUtc, zone)))).ToList(), false));
    }

    /// <summary>Everyone waiting, in the order they joined: the front desk and admins (no health data: who, what, when).</summary>
    [Authorize(Policy = Policies.Desk)]
    [HttpGet("/desk/waitlist")]
    public async Task<IActionResult> Staff() => View("Staff", new StaffWaitlistPage(await waitlist.WaitingAsync(), settings.Current.Zone, FromAdmin: false));

    /// <summary>The same list in the admin's area (read only: the desk runs it).</summary>
    [Authorize(Policy = Policies.Admin)]
    [HttpGet("/admin/waitlist")]
    public async Task<IActionResult> AdminList() => View("Staff", new StaffWaitlistPage(await waitlist.WaitingAsync(), settings.Current.Zone, FromAdmin: true));

    [Authorize(Policy = Policies.Desk)]
    [HttpPost("/desk/waitlist/{id:int}/remove")]
    public async Task<IActionResult> Remove(int id)
    {
        if (await waitlist.RemoveAsync(id) is not { } entry)
        {
            return NotFound();
        }

        // The change and its audit row are saved together.
        audit.Add(RemoveAction, nameof(WaitlistEntry), id.ToString(CultureInfo.InvariantCulture), entry.PatientId);
        await db.SaveChangesAsync();
        TempData["Flash"] = "Taken off the waitlist.";
        return Redirect("/desk/waitlist");
    }

    private RedirectResult Done(string flash, string to)
    {
        TempData["Flash"] = flash;
        return Redirect(to);
    }

    /// <summary>The form's values, or what was wrong with them (in the reader's language).</summary>
    private static (JoinChoice? Choice, string? Problem) Parse(JoinInput input)
    {
        var days = new List<DayOfWeek>();
        foreach (var d in input.Days ?? [])
        {
            if (!int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 0 or > 6)
            {
                return (null, T("Something in that form was not right. Please choose the days again."));
            }

            days.Add((DayOfWeek)n);
        }

        var times = WaitlistTimes.Any;
        foreach (var t in input.Times ?? [])
        {
            if (!Enum.TryParse<WaitlistTimes>(t, ignoreCase: false, out var part) || part is not (WaitlistTimes.Morning or WaitlistTimes.Afternoon or WaitlistTimes.Evening))
            {
                return (null, T("Something in that form was not right. Please choose the times of day again."));
            }

            times |= part;
        }

        int? practitioner = null;
        if (input.PractitionerId is not (null or "" or "any"))
        {
            if (!int.TryParse(input.PractitionerId, NumberStyles.None, CultureInfo.InvariantCulture, out var p))
            {
                return (null, T("Please choose a practitioner, or any practitioner."));
            }

            practitioner = p;
        }

        return int.TryParse(input.ServiceId, NumberStyles.None, CultureInfo.InvariantCulture, out var service)
            ? (new JoinChoice(service, practitioner, days, times), null)
            : (null, T("Please choose what you would like to book."));
    }

    private string Refusal(JoinResult result) => result == JoinResult.TooMany
        ? T("You are already waiting for {0} things, the most we can hold. Please leave one of your places first, or call us on {1}.",
            WaitlistEntry.MaxActivePerPatient, settings.Current.Phone)
        : T("That service or practitioner cannot be booked now. Please choose another.");

    private static int Status(JoinResult result) => result == JoinResult.TooMany ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;

    /// <summary>A patient's name when the id is a patient's account; null otherwise (the desk's pages answer 404).</summary>
    private async Task<string?> CallerNameAsync(string id) =>
        id is { Length: > 0 and <= 64 } && Guid.TryParse(id, out _) && await desk.PatientAsync(id) is { } patient ? patient.Person.Name : null;

    private async Task<IActionResult> JoinProblemAsync(JoinInput input, string problem, JoinPlace place, int status = StatusCodes.Status400BadRequest)
    {
        Response.StatusCode = status;
        return View("Join", await JoinPageAsync(input, problem, place));
    }

    private async Task<JoinPage> JoinPageAsync(JoinInput input, string? problem, JoinPlace place)
    {
        var catalogue = await booking.CatalogueAsync(await booking.ReadStampsAsync(null));
        return new JoinPage(input, catalogue.Services, catalogue.Practitioners, problem, (int)KeepDays, TimeFormat.Culture.FirstDayOfWeek, place);
    }

    private double KeepDays => waitlist.KeepFor.TotalDays;

    private string PatientId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private static string T(string english, params object[] arguments) => Text.Get<WaitlistText>(english, arguments);
}

/// <summary>Resource anchor for the waitlist's sentences made in code: Resources/Features/Waitlist/WaitlistText.es.resx.</summary>
public sealed class WaitlistText;

public sealed class JoinInput
{
    public string? ServiceId { get; set; }
    public string? PractitionerId { get; set; } = "any";
    public List<string>? Days { get; set; }
    public List<string>? Times { get; set; }
}

public sealed record JoinPage(JoinInput Input, IReadOnlyList<Domain.Service> Services, IReadOnlyList<Domain.Practitioner> Practitioners,
    string? Problem, int KeepDays, DayOfWeek FirstDay, JoinPlace Place);

/// <summary>Whose place the join form makes: the signed-in patient's own, or a caller's at the front desk.</summary>
public sealed record JoinPlace(string Action, string Back, string? CallerName)
{
    public static readonly JoinPlace Own = new("/waitlist", "/waitlist", null);

    public static JoinPlace ForCaller(string patientId, string name) => new($"/desk/patients/{patientId}/waitlist", $"/desk/patients/{patientId}", name);
}

public sealed record JoinChoice(int ServiceId, int? PractitionerId, IReadOnlyList<DayOfWeek> Days, WaitlistTimes Times);

/// <param name="FreeNow">A time that suits this place and is free now, if any.</param>
public sealed record WaitlistPlace(WaitlistEntry Entry, string? FreeNow, string? FreeNowHref);

public sealed record WaitlistPage(IReadOnlyList<WaitlistPlace> Places, TimeZoneInfo Zone, DateTime NowUtc, string Phone);

public sealed record OfferPage(string Title, string Message, IReadOnlyList<(string When, string Href)> Alternatives, bool Closed);

public sealed record StaffWaitlistPage(IReadOnlyList<WaitlistLine> Lines, TimeZoneInfo Zone, bool FromAdmin);
