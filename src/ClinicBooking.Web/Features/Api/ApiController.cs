using System.Globalization;
using ClinicBooking.Web.Features.Booking;
using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ClinicBooking.Web.Features.Api;

/// <summary>The public JSON of PRODUCT.md §3: services, practitioners and free times. Bad input is a 400 with a reason.</summary>
[AllowAnonymous]
[Route("/api")]
[IgnoreAntiforgeryToken]
public sealed class ApiController(BookingService booking, ClinicSettingsStore settings) : ControllerBase
{
    public const int MaxDays = 62;

    [HttpGet("services")]
    public async Task<IActionResult> Services() =>
        Ok((await booking.ActiveServicesAsync()).Select(s => new
        {
            id = s.Id, name = s.Name, durationMinutes = s.DurationMinutes, bufferMinutes = s.BufferMinutes, requiresIntake = s.RequiresIntake,
        }));

    [HttpGet("practitioners")]
    public async Task<IActionResult> Practitioners() =>
        Ok((await booking.ActivePractitionersAsync()).Select(p => new { id = p.Id, name = p.DisplayName }));

    [HttpGet("availability")]
    public async Task<IActionResult> Availability()
    {
        var query = Request.Query;
        if (query["serviceId"].Count != 1 || !int.TryParse(query["serviceId"], NumberStyles.None, CultureInfo.InvariantCulture, out var serviceId))
        {
            return Error("serviceId is required: one whole number from /api/services.");
        }

        int? practitionerId = null;
        if (query["practitionerId"].Count > 1
            || (query["practitionerId"].Count == 1 && query["practitionerId"] != ""
                && !int.TryParse(query["practitionerId"], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)))
        {
            return Error("practitionerId, when given, is one whole number from /api/practitioners.");
        }
        else if (int.TryParse(query["practitionerId"], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            practitionerId = parsed;
        }

        if (!TryDate(query["from"], out var from) || !TryDate(query["to"], out var to))
        {
            return Error("from and to are required dates in the form YYYY-MM-DD.");
        }

        if (to < from)
        {
            return Error("to must not be before from.");
        }

        if (to.DayNumber - from.DayNumber + 1 > MaxDays)
        {
            return Error($"Ask for at most {MaxDays} days at a time.");
        }

        if (from.Year < 2000 || to.Year > 2100)
        {
            return Error("from and to must be dates between the years 2000 and 2100.");
        }

        // The stamps first (one query); the service, the practitioner and the answer itself come from memory while
        // they stand (docs/architecture.md, "How a booking travels").
        var stamps = await booking.ReadStampsAsync(practitionerId);
        var catalogue = await booking.CatalogueAsync(stamps);
        if (catalogue.ActiveService(serviceId) is not { } service)
        {
            return Error("No active service has that serviceId.");
        }

        if (practitionerId is { } id && catalogue.ActivePractitioner(id) is null)
        {
            return Error("No active practitioner has that practitionerId.");
        }

        var zone = settings.Current.Zone;
        var json = await booking.ViewAsync("api-json", service, practitionerId, from, to, stamps, (slots, _) => SlotsJson(zone, slots));
        return File(json, "application/json; charset=utf-8");
    }

    /// <summary>
    /// <c>{"timeZone": ..., "slots": [{"practitionerId", "start", "end"}]}</c> as UTF-8, written once and kept with the
    /// free times it shows: a month is several hundred slots, and this is the busiest endpoint.
    /// </summary>
    private static byte[] SlotsJson(TimeZoneInfo zone, IReadOnlyList<Domain.Booking.Slot> slots)
    {
        var iso = new IsoFormatter(zone);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 + slots.Count * 96);
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timeZone", zone.Id);
            json.WriteStartArray("slots");
            foreach (var slot in slots)
            {
                json.WriteStartObject();
                json.WriteNumber("practitionerId", slot.PractitionerId);
                json.WriteString("start", iso.Format(slot.StartUtc));
                json.WriteString("end", iso.Format(slot.EndUtc));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static bool TryDate(Microsoft.Extensions.Primitives.StringValues value, out DateOnly date)
    {
        date = default;
        return value.Count == 1 && DateOnly.TryParseExact(value[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private BadRequestObjectResult Error(string message) => BadRequest(new { error = message });
}
