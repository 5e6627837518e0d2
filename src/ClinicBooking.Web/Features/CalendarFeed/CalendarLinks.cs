using System.Globalization;
using ClinicBooking.Web.Domain.Booking;

namespace ClinicBooking.Web.Features.CalendarFeed;

/// <summary>
/// "Add to Google Calendar" and "Outlook" links for a visit (issue 16), beside the .ics: the same words as the .ics
/// (when, the clinic, with whom, where, a link to manage it), never health data.
/// </summary>
public static class CalendarLinks
{
    public sealed record Event(string Title, string Details, string Location, DateTime StartUtc, DateTime EndUtc);

    public static Event For(Appointment appointment, string clinicName, string address, string phone, string baseUrl) => new(
        Notifications.EmailText.Get("Visit at {0}", clinicName),
        Notifications.EmailText.Get("With {0}. To change or cancel: {1} or call {2}.", appointment.Practitioner?.DisplayName ?? "",
            $"{baseUrl}/appointments/{appointment.Id}", phone),
        address, appointment.StartUtc, appointment.EndUtc);

    /// <summary>Google Calendar's event template: dates in UTC ("20261207T140000Z/20261207T150000Z").</summary>
    public static string Google(Event e) =>
        "https://calendar.google.com/calendar/render?action=TEMPLATE" +
        $"&text={Uri.EscapeDataString(e.Title)}&dates={Utc(e.StartUtc)}/{Utc(e.EndUtc)}" +
        $"&details={Uri.EscapeDataString(e.Details)}&location={Uri.EscapeDataString(e.Location)}";

    /// <summary>Outlook on the web's compose deep link: ISO 8601 times in UTC.</summary>
    public static string Outlook(Event e) =>
        "https://outlook.live.com/calendar/0/deeplink/compose?path=%2Fcalendar%2Faction%2Fcompose&rru=addevent" +
        $"&subject={Uri.EscapeDataString(e.Title)}&startdt={Uri.EscapeDataString(Iso(e.StartUtc))}&enddt={Uri.EscapeDataString(Iso(e.EndUtc))}" +
        $"&body={Uri.EscapeDataString(e.Details)}&location={Uri.EscapeDataString(e.Location)}";

    private static string Utc(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
