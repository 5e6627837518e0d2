using System.Net;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Email;
using ClinicBooking.Web.Infrastructure;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace ClinicBooking.Web.Features.Booking;

/// <summary>
/// The emails and the calendar file for an appointment: when, where, with whom, and a link to manage it. Never
/// any health data. Sent directly until the notifications outbox lands; a failure is logged, never shown as a
/// failed booking.
/// </summary>
public sealed class BookingNotifier(
    EmailComposer composer,
    IEmailTransport transport,
    ClinicSettingsStore settings,
    ClinicClock clock,
    ClinicBooking.Web.Data.ClinicDbContext db,
    ILogger<BookingNotifier> logger)
{
    public string Calendar(Appointment appointment, string baseUrl)
    {
        var clinic = settings.Current;
        var calendar = new Calendar { Method = "PUBLISH" };
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"appointment-{appointment.Id}@clinicbooking",
            DtStamp = new CalDateTime(clock.UtcNow, "UTC"),
            Start = new CalDateTime(appointment.StartUtc, "UTC"),
            End = new CalDateTime(appointment.EndUtc, "UTC"),
            Summary = $"Visit at {clinic.Name}",
            Location = clinic.Address,
            Description = $"With {appointment.Practitioner?.DisplayName}. To change or cancel: {ManageUrl(appointment, baseUrl)} or call {clinic.Phone}.",
            Status = appointment.IsActive ? "CONFIRMED" : "CANCELLED",
        });
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    public Task BookedAsync(Appointment appointment, string baseUrl) =>
        SendAsync(appointment, baseUrl, "Your visit is booked", "Your visit is booked.", attachCalendar: true);

    public Task MovedAsync(Appointment appointment, string baseUrl) =>
        SendAsync(appointment, baseUrl, "Your visit has moved", "Your visit has moved to a new time. Your earlier time is free again.", attachCalendar: true);

    public Task CancelledAsync(Appointment appointment, string baseUrl) =>
        SendAsync(appointment, baseUrl, "Your visit is cancelled", "Your visit is cancelled. We hope to see you another time.", attachCalendar: false);

    private async Task SendAsync(Appointment appointment, string baseUrl, string subject, string opening, bool attachCalendar)
    {
        var clinic = settings.Current;
        var when = TimeFormat.When(appointment.StartUtc, clinic.Zone);
        var html = $"<p>{WebUtility.HtmlEncode(opening)}</p>" +
                   $"<p><strong>When:</strong> {WebUtility.HtmlEncode(when)}<br>" +
                   $"<strong>With:</strong> {WebUtility.HtmlEncode(appointment.Practitioner?.DisplayName ?? "")}<br>" +
                   $"<strong>How long:</strong> about {appointment.Service?.DurationMinutes} minutes<br>" +
                   $"<strong>Where:</strong> {WebUtility.HtmlEncode(clinic.Address)}</p>" +
                   $"<p>To change or cancel, use the button below or call {WebUtility.HtmlEncode(clinic.Phone)}.</p>";
        var message = composer.Compose(new EmailContent(await RecipientAsync(appointment), $"{subject}: {when}", html,
            "Manage your visit", ManageUrl(appointment, baseUrl)));
        if (attachCalendar)
        {
            var mixed = new Multipart("mixed") { message.Body! };
            mixed.Add(new MimePart("text", "calendar")
            {
                Content = new MimeContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Calendar(appointment, baseUrl)))),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = "visit.ics",
            });
            message.Body = mixed;
        }

        try
        {
            await transport.SendAsync([message]);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError("An appointment email ({Subject}) could not be sent: {Error}", subject, e.GetType().Name);
        }
    }

    private static string ManageUrl(Appointment appointment, string baseUrl) => $"{baseUrl.TrimEnd('/')}/appointments/{appointment.Id}";

    private async Task<string> RecipientAsync(Appointment appointment) =>
        await db.Users.Where(u => u.Id == appointment.PatientId).Select(u => u.Email).SingleAsync() ?? "";
}
