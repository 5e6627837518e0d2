using System.Net;
using System.Text;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Email;
using ClinicBooking.Web.Features.Booking;
using ClinicBooking.Web.Infrastructure;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace ClinicBooking.Web.Features.Notifications;

/// <summary>A rendered email, or why the row should not be sent any more.</summary>
public sealed record Rendered(MimeMessage? Message, string? SkipReason);

/// <summary>
/// Turns an outbox row into an email at the moment of sending, from the current state of the appointment: when,
/// where, with whom, and a link to manage it. Never any health data. Stale rows (the visit moved, was cancelled or
/// has begun) are skipped instead.
/// </summary>
public sealed class EmailRenderer(
    ClinicDbContext db,
    EmailComposer composer,
    ClinicSettingsStore settings,
    ClinicClock clock,
    PublicAddress publicAddress,
    Microsoft.AspNetCore.Identity.UserManager<ApplicationUser> users,
    Waitlist.WaitlistService waitlist)
{
    private string BaseUrl => publicAddress.BaseUrl;

    private Dictionary<int, Appointment>? _appointments;
    private Dictionary<string, string>? _languages;
    private HashSet<string>? _held;
    private HashSet<string>? _withIntake;

    /// <summary>
    /// Loads what a batch of rows needs in three queries (its appointments with their patients' languages, which of
    /// the patients are held after urgent guidance, which have an intake in), instead of two or three per row.
    /// </summary>
    public async Task PrepareAsync(IReadOnlyCollection<OutboxMessage> rows)
    {
        var ids = rows.Where(r => r.AppointmentId is not null).Select(r => r.AppointmentId!.Value).Distinct().ToList();
        var loaded = await db.Appointments.AsNoTracking().Include(a => a.Practitioner).Include(a => a.Service)
            .Where(a => ids.Contains(a.Id))
            .Select(a => new { Appointment = a, Language = db.Users.Where(u => u.Id == a.PatientId).Select(u => u.PreferredLanguage).FirstOrDefault() })
            .ToListAsync();
        _appointments = loaded.ToDictionary(x => x.Appointment.Id, x => x.Appointment);
        _languages = loaded.GroupBy(x => x.Appointment.PatientId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Language ?? Languages.English, StringComparer.Ordinal);
        var patients = _appointments.Values.Select(a => a.PatientId).Distinct().ToList();
        _held = (await db.UrgentCases.AsNoTracking().Where(c => patients.Contains(c.PatientId) && c.ClearedUtc == null)
            .Select(c => c.PatientId).Distinct().ToListAsync()).ToHashSet(StringComparer.Ordinal);
        _withIntake = (await db.IntakeVersions.AsNoTracking().Where(v => patients.Contains(v.PatientId))
            .Select(v => v.PatientId).Distinct().ToListAsync()).ToHashSet(StringComparer.Ordinal);
    }

    private async Task<Appointment?> AppointmentAsync(int? id) =>
        _appointments is not null
            ? id is { } known ? _appointments.GetValueOrDefault(known) : null
            : await db.Appointments.AsNoTracking().Include(a => a.Practitioner).Include(a => a.Service).SingleOrDefaultAsync(a => a.Id == id);

    /// <summary>The language the patient reads the clinic in (their account's), English if the account is gone.</summary>
    private async Task<string> LanguageOfAsync(string patientId) =>
        _languages is not null && _languages.TryGetValue(patientId, out var known)
            ? known
            : await db.Users.AsNoTracking().Where(u => u.Id == patientId).Select(u => u.PreferredLanguage).FirstOrDefaultAsync() ?? Languages.English;

    /// <summary>
    /// Puts the recipient's language in force for the email being written, and the clinic's culture in that
    /// language for its times ("mié, 2 dic, 9:00 a. m." for an en-US clinic read in Spanish). Only for the rest of
    /// this email: the dispatcher's own culture is left as it was.
    /// </summary>
    private void WriteIn(string language)
    {
        Languages.Use(language);
        TimeFormat.Use(settings.Current.CultureFormat.InLanguage(Languages.Current));
    }

    /// <summary>Staff emails (alerts, digests, invitations) stay English, in the clinic's own culture.</summary>
    private void WriteForStaff()
    {
        Languages.Use(Languages.English);
        TimeFormat.Use(settings.Current.CultureFormat);
    }

    private async Task<bool> IsHeldAsync(string patientId) =>
        _held?.Contains(patientId) ?? await db.UrgentCases.AnyAsync(c => c.PatientId == patientId && c.ClearedUtc == null);

    private async Task<bool> HasIntakeAsync(string patientId) =>
        _withIntake?.Contains(patientId) ?? await db.IntakeVersions.AnyAsync(v => v.PatientId == patientId);

    public async Task<Rendered> RenderAsync(OutboxMessage row)
    {
        // Emails read like the clinic's pages: its culture for times and dates, in the recipient's language (staff:
        // English), whichever thread sends them.
        WriteForStaff();
        switch (row.Kind)
        {
            case OutboxKind.Account:
                // Written when queued, in the language of the person asking; the rest of the email follows it.
                WriteIn(EmailText.LanguageOfSubject(row.Subject ?? ""));
                return new Rendered(IdentityEmail(row.Recipient, row.Subject ?? "", row.HtmlBody ?? ""), null);
            case OutboxKind.StaffInvitation:
                return new Rendered(IdentityEmail(row.Recipient, row.Subject ?? "", row.HtmlBody ?? "", "Set your password",
                    "The link works for two hours. If it has expired, choose \"Forgot your password?\" on the sign-in page."), null);
            case OutboxKind.PasswordResetRequested:
                return await PasswordResetAsync(row);
            case OutboxKind.ConfirmationRequested:
                return await ConfirmationAsync(row);
            case OutboxKind.PatientInvitation:
                return await PatientInvitationAsync(row);
            case OutboxKind.UrgentIntakeAlert:
                return new Rendered(composer.Compose(new EmailContent(row.Recipient, "A patient needs a call from the clinic now",
                    "<p>A patient has just been shown urgent guidance by the intake questionnaire (perhaps before finishing it) " +
                    "and has been told what to do now. Please call them as soon as you can. The page below lists who to call, " +
                    "how to reach them and their visits, which are held until a practitioner has spoken with them.</p>",
                    "See who to call", $"{BaseUrl}{Urgent.UrgentController.Path}")), null);
        }

        if (row.Kind == OutboxKind.PractitionerDigest)
        {
            return await DigestAsync(row);
        }

        if (row.Kind == OutboxKind.WaitlistOffer)
        {
            return await WaitlistOfferAsync(row);
        }

        var appointment = await AppointmentAsync(row.AppointmentId);
        if (appointment is null)
        {
            return new Rendered(null, "The appointment no longer exists.");
        }

        if (row.Kind == OutboxKind.PractitionerCancellation)
        {
            return appointment.Status == AppointmentStatus.Cancelled
                ? new Rendered(PractitionerCancellation(row, appointment), null)
                : new Rendered(null, "The appointment is no longer cancelled.");
        }

        // Every other kind is the patient's: in their language.
        WriteIn(await LanguageOfAsync(appointment.PatientId));
        if (row.Kind == OutboxKind.CancelConfirmation)
        {
            return appointment.Status == AppointmentStatus.Cancelled
                ? new Rendered(Appointment(row, appointment, EmailText.Get("Your visit is cancelled"),
                    EmailText.Get("Your visit is cancelled. We hope to see you another time."), true), null)
                : new Rendered(null, "The appointment is no longer cancelled.");
        }

        if (row.Kind == OutboxKind.CourseConfirmation)
        {
            return await CourseAsync(row, appointment);
        }

        if (!appointment.IsActive || appointment.StartUtc != row.AppointmentStartUtc)
        {
            return new Rendered(null, "The appointment was cancelled or moved after this was queued.");
        }

        if (appointment.StartUtc <= clock.UtcNow)
        {
            return new Rendered(null, "The appointment has already begun.");
        }

        // After urgent guidance the visit is kept but held until a practitioner has called: say so, never why.
        var held = row.Kind is OutboxKind.BookingConfirmation or OutboxKind.RescheduleConfirmation or OutboxKind.Reminder
                   && await IsHeldAsync(appointment.PatientId);
        var heldNote = held ? " " + EmailText.Get("It is held: the clinic will call you first, before it goes ahead. Your time is kept for you.") : "";
        switch (row.Kind)
        {
            case OutboxKind.BookingConfirmation:
                return new Rendered(Appointment(row, appointment,
                    EmailText.Get(held ? "Your visit is booked (the clinic will call you first)" : "Your visit is booked"),
                    EmailText.Get("Your visit is booked.") + heldNote, true), null);
            case OutboxKind.RescheduleConfirmation:
                return new Rendered(Appointment(row, appointment,
                    EmailText.Get(held ? "Your visit has moved (the clinic will call you first)" : "Your visit has moved"),
                    EmailText.Get("Your visit has moved to a new time. Your earlier time is free again.") + heldNote, true), null);
            case OutboxKind.Reminder:
                return new Rendered(Appointment(row, appointment, EmailText.Get("Reminder: your visit"),
                    EmailText.Get("This is a reminder of your visit.") + " " +
                    EmailText.Get(held ? "The clinic will call you before it goes ahead." : "We look forward to seeing you."), false), null);
            case OutboxKind.IntakeMissingReminder:
                if (await HasIntakeAsync(appointment.PatientId))
                {
                    return new Rendered(null, "The intake has been submitted.");
                }

                return new Rendered(composer.Compose(new EmailContent(row.Recipient, EmailText.Get("Please fill in your questionnaire before your visit"),
                    "<p>" + EmailText.Html("Your visit is on {0}. Please fill in the short questionnaire before then, so your practitioner can prepare.",
                        TimeFormat.When(appointment.StartUtc, settings.Current.Zone)) + "</p>",
                    EmailText.Get("Fill in the questionnaire"), $"{BaseUrl}/intake")), null);
            default:
                return new Rendered(null, $"No template for {row.Kind}.");
        }
    }

    private async Task<Rendered> DigestAsync(OutboxMessage row)
    {
        var date = row.DigestDate!.Value;
        var zone = settings.Current.Zone;
        var from = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue), zone);
        var to = TimeZoneInfo.ConvertTimeToUtc(date.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        var visits = await db.Appointments.AsNoTracking().Include(a => a.Service)
            .Where(a => a.PractitionerId == row.PractitionerId && a.Status == AppointmentStatus.Booked && a.StartUtc >= from && a.StartUtc < to)
            .OrderBy(a => a.StartUtc).ToListAsync();
        if (visits.Count == 0)
        {
            return new Rendered(null, "No visits left on that day.");
        }

        // Whether each intake is in and read, never what it says: a red flag's tier is health data and stays in the app.
        var patients = visits.Select(v => v.PatientId).Distinct().ToList();
        var latest = (await db.IntakeVersions.AsNoTracking().Where(v => patients.Contains(v.PatientId))
                .GroupBy(v => v.PatientId).Select(g => new { PatientId = g.Key, Number = g.Max(v => v.Number) }).ToListAsync())
            .ToDictionary(v => v.PatientId, v => v.Number);
        var reviewed = (await db.IntakeReviews.AsNoTracking().Where(r => patients.Contains(r.PatientId))
                .GroupBy(r => r.PatientId).Select(g => new { PatientId = g.Key, Number = g.Max(r => r.VersionNumber) }).ToListAsync())
            .ToDictionary(r => r.PatientId, r => r.Number);
        var items = string.Join("", visits.Select(v =>
        {
            var badge = Domain.Practice.IntakeBadge.For(latest.TryGetValue(v.PatientId, out var n) ? n : null, null,
                reviewed.TryGetValue(v.PatientId, out var r) ? r : null);
            return $"<li><a href=\"{BaseUrl}/practitioner/appointments/{v.Id}\">{TimeFormat.Time(v.StartUtc, zone)}</a>: " +
                   $"{WebUtility.HtmlEncode(v.Service?.Name)} ({badge.StateLabel.ToLowerInvariant()})</li>";
        }));
        return new Rendered(composer.Compose(new EmailContent(row.Recipient,
            $"Tomorrow: {visits.Count} {(visits.Count == 1 ? "visit" : "visits")} ({TimeFormat.Day(date)})",
            $"<p>Your visits on {TimeFormat.Day(date)} ({TimeFormat.ZoneName(zone)}):</p><ul>{items}</ul>",
            "Open your schedule", $"{BaseUrl}/practitioner")), null);
    }

    /// <summary>
    /// "A time has come free": to a waiter still waiting, for a time still free and ahead. When and with whom, a link
    /// to the offer's page (which books it if it is still free, or shows the next free times), and how to leave the
    /// list. Never the service's name or anything from the intake.
    /// </summary>
    private async Task<Rendered> WaitlistOfferAsync(OutboxMessage row)
    {
        var offer = await db.WaitlistOffers.AsNoTracking().Include(o => o.Entry).ThenInclude(e => e!.Service)
            .SingleOrDefaultAsync(o => o.Id == row.WaitlistOfferId);
        var entry = offer?.Entry;
        if (offer is null || entry is null || !entry.IsWaiting(clock.UtcNow) || entry.Service is not { IsActive: true } service)
        {
            return new Rendered(null, "The patient is no longer waiting.");
        }

        if (!await waitlist.IsFreeAsync(service, offer.PractitionerId, offer.StartUtc))
        {
            return new Rendered(null, "The time was booked before this email went out.");
        }

        var practitioner = await db.Practitioners.AsNoTracking().Where(p => p.Id == offer.PractitionerId).Select(p => p.DisplayName).SingleOrDefaultAsync() ?? "";
        WriteIn(await LanguageOfAsync(entry.PatientId));
        var clinic = settings.Current;
        var when = TimeFormat.When(offer.StartUtc, clinic.Zone);
        var html = $"<p>{EmailText.Get("You asked us to tell you when a time comes free. This one has:")}</p>" +
                   $"<p><strong>{EmailText.Get("When:")}</strong> {WebUtility.HtmlEncode(when)}<br>" +
                   $"<strong>{EmailText.Get("With:")}</strong> {Data(practitioner)}<br>" +
                   $"<strong>{EmailText.Get("Where:")}</strong> {Data(clinic.Address)}</p>" +
                   $"<p>{EmailText.Get("Others on the waitlist hear of it too: the first to book it has it. If it has gone when you look, you will see the next free times.")}</p>" +
                   $"<p>{EmailText.Html("You stay on the waitlist until {0}. To leave it, or to see your places, go to {1}.", TimeFormat.Day(DateOnly.FromDateTime(clock.ToLocal(entry.ExpiresUtc))), $"{BaseUrl}/waitlist")}</p>";
        return new Rendered(composer.Compose(new EmailContent(row.Recipient, $"{EmailText.Get("A time has come free")}: {when}", html,
            EmailText.Get("Book this time"), $"{BaseUrl}/waitlist/offers/{offer.Id}")), null);
    }

    /// <summary>
    /// A "forgot your password" request, decided now: a confirmed account gets a reset link made at this moment (it
    /// lives 2 hours from now and is never stored: the row holds only the address); an unknown or unconfirmed address
    /// gets nothing, and the row is skipped. The request itself did the same work for every address.
    /// </summary>
    private async Task<Rendered> PasswordResetAsync(OutboxMessage row)
    {
        var user = row.HasAddress ? await users.FindByEmailAsync(row.Recipient) : null;
        if (user is null || !await users.IsEmailConfirmedAsync(user) || string.IsNullOrEmpty(user.Email))
        {
            return new Rendered(null, "No confirmed account has this address: nothing sent.");
        }

        var link = await ResetPasswordLinkAsync(user);
        WriteIn(user.PreferredLanguage);
        return new Rendered(composer.Compose(new EmailContent(user.Email, EmailText.Get(OutboxMessage.ResetSubject),
            "<p>" + EmailText.Get("Someone, perhaps you, asked to reset the password of your account. Choose a new password with the link " +
                                  "below. It works for two hours, once.") + "</p>" +
            "<p>" + EmailText.Get("If you did not ask for this email, you can ignore it: your password stays as it is.") + "</p>",
            EmailText.Get("Choose a new password"), link)), null);
    }

    /// <summary>A fresh link to Identity's reset-password page (two hours, once); the code is Base64Url as the page expects.</summary>
    private async Task<string> ResetPasswordLinkAsync(ApplicationUser user)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return $"{BaseUrl}/Identity/Account/ResetPassword?code={Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token))}";
    }

    /// <summary>
    /// The front desk's invitation, decided now: an account that still has no password gets a fresh "set your
    /// password" link; one that has set a password meanwhile (or is gone) gets nothing.
    /// </summary>
    private async Task<Rendered> PatientInvitationAsync(OutboxMessage row)
    {
        var user = row.HasAddress ? await users.FindByEmailAsync(row.Recipient) : null;
        if (user is null || await users.HasPasswordAsync(user) || string.IsNullOrEmpty(user.Email))
        {
            return new Rendered(null, "The account has a password already, or is gone: nothing sent.");
        }

        var link = await ResetPasswordLinkAsync(user);
        WriteIn(user.PreferredLanguage);
        return new Rendered(composer.Compose(new EmailContent(user.Email, EmailText.Get("Set your password for {0}", settings.Current.Name),
            "<p>" + EmailText.Get("Hello {0}, {1} has made you an account, as we agreed on the phone. Your sign-in is this email address. " +
                                  "Choose a password with the link below to see and change your visits and fill in your intake questionnaire.",
                WebUtility.HtmlEncode(user.FullName), WebUtility.HtmlEncode(settings.Current.Name)) + "</p>" +
            "<p>" + EmailText.Get("The link works for two hours. If it has expired, choose \"Forgot your password?\" on the sign-in page.") + "</p>",
            EmailText.Get("Set your password"), link)), null);
    }

    /// <summary>
    /// "Send the confirmation email again", decided now: an account whose address is not yet confirmed gets a fresh
    /// confirmation link (24 hours); an unknown or already confirmed address gets nothing, and the row is skipped.
    /// </summary>
    private async Task<Rendered> ConfirmationAsync(OutboxMessage row)
    {
        var user = row.HasAddress ? await users.FindByEmailAsync(row.Recipient) : null;
        if (user is null || await users.IsEmailConfirmedAsync(user) || string.IsNullOrEmpty(user.Email))
        {
            return new Rendered(null, "No unconfirmed account has this address: nothing sent.");
        }

        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var code = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        WriteIn(user.PreferredLanguage);
        return new Rendered(composer.Compose(new EmailContent(user.Email, EmailText.Get(OutboxMessage.ConfirmSubject),
            "<p>" + EmailText.Get("Please confirm your email address with the link below so you can sign in and book. It works for 24 hours.") + "</p>" +
            "<p>" + EmailText.Get("If you did not ask for this email, you can ignore it.") + "</p>",
            EmailText.Get("Confirm your email address"),
            $"{BaseUrl}/Identity/Account/ConfirmEmail?userId={Uri.EscapeDataString(user.Id)}&code={code}")), null);
    }

    /// <summary>When and what, never who or why: the patient's account (and name) no longer exists.</summary>
    private MimeMessage PractitionerCancellation(OutboxMessage row, Appointment appointment)
    {
        var when = TimeFormat.When(appointment.StartUtc, settings.Current.Zone);
        return composer.Compose(new EmailContent(row.Recipient, $"A visit was cancelled: {when}",
            $"<p>The visit on {WebUtility.HtmlEncode(when)} ({WebUtility.HtmlEncode(appointment.Service?.Name ?? "")}) is cancelled: " +
            "the patient closed their account. The time is free again.</p>",
            "Open your schedule", $"{BaseUrl}/practitioner"));
    }

    /// <summary>The .ics for a visit: when, where, with whom, and how to change it. Times in UTC.</summary>
    public string Calendar(Appointment appointment)
    {
        var calendar = new Calendar { Method = appointment.IsActive ? "PUBLISH" : "CANCEL" };
        calendar.Events.Add(Event(appointment));
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>One .ics for several visits (a course): one event each, with the visit's own UID, so a later move or cancellation of one updates it.</summary>
    public string Calendar(IEnumerable<Appointment> appointments)
    {
        var calendar = new Calendar { Method = "PUBLISH" };
        foreach (var appointment in appointments)
        {
            calendar.Events.Add(Event(appointment));
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private CalendarEvent Event(Appointment appointment)
    {
        var clinic = settings.Current;
        return new CalendarEvent
        {
            Uid = $"appointment-{appointment.Id}@clinicbooking",
            DtStamp = new CalDateTime(clock.UtcNow, "UTC"),
            Start = new CalDateTime(appointment.StartUtc, "UTC"),
            End = new CalDateTime(appointment.EndUtc, "UTC"),
            Summary = EmailText.Get("Visit at {0}", clinic.Name),
            Location = clinic.Address,
            Description = EmailText.Get("With {0}. To change or cancel: {1} or call {2}.",
                appointment.Practitioner?.DisplayName ?? "", $"{BaseUrl}/appointments/{appointment.Id}", clinic.Phone),
            Status = appointment.IsActive ? "CONFIRMED" : "CANCELLED",
            Sequence = appointment.Sequence,
        };
    }

    /// <summary>
    /// A course booked in one step (issue 16): every session still booked ahead, read now, and one .ics holding
    /// them all. Sessions cancelled since are left out; with none left, nothing is sent. Times and place only.
    /// </summary>
    private async Task<Rendered> CourseAsync(OutboxMessage row, Appointment first)
    {
        if (first.CourseId is not { } courseId)
        {
            return new Rendered(null, "The visit is not part of a course.");
        }

        var now = clock.UtcNow;
        var sessions = await db.Appointments.AsNoTracking().Include(a => a.Practitioner).Include(a => a.Course)
            .Where(a => a.CourseId == courseId).OrderBy(a => a.CourseSession).ToListAsync();
        var ahead = sessions.Where(a => a.IsActive && a.StartUtc > now).ToList();
        if (ahead.Count == 0)
        {
            return new Rendered(null, "No session of the course is still booked ahead.");
        }

        var clinic = settings.Current;
        var total = ahead[0].Course!.Sessions;
        var held = await IsHeldAsync(first.PatientId);
        var items = string.Concat(ahead.Select(a => "<li>" + EmailText.Html("Session {0} of {1}: {2}",
            a.CourseSession!.Value.ToString(System.Globalization.CultureInfo.CurrentCulture), total.ToString(System.Globalization.CultureInfo.CurrentCulture),
            TimeFormat.When(a.StartUtc, clinic.Zone)) + "</li>"));
        var html = $"<p>{WebUtility.HtmlEncode(EmailText.Get("Your course is booked. These are your sessions:"))}" +
                   (held ? " " + WebUtility.HtmlEncode(EmailText.Get("It is held: the clinic will call you first, before it goes ahead. Your time is kept for you.")) : "") + "</p>" +
                   $"<ul>{items}</ul>" +
                   $"<p><strong>{EmailText.Get("With:")}</strong> {Data(ahead[0].Practitioner?.DisplayName ?? "")}<br>" +
                   $"<strong>{EmailText.Get("How long:")}</strong> {EmailText.Get("about {0} minutes", ahead[0].DurationMinutes)}<br>" +
                   $"<strong>{EmailText.Get("Where:")}</strong> {Data(clinic.Address)}</p>" +
                   $"<p>{EmailText.Html("To change or cancel a session, use the link below or call {0}. Changing one session keeps the others.", clinic.Phone)}</p>" +
                   $"<p>{EmailText.Get("The attached calendar file adds every session to your calendar.")}</p>";
        var message = composer.Compose(new EmailContent(row.Recipient,
            EmailText.Get("Your course is booked: {0} sessions from {1}", ahead.Count, TimeFormat.When(ahead[0].StartUtc, clinic.Zone)), html,
            EmailText.Get("See your visits"), $"{BaseUrl}/appointments"));
        Attach(message, Calendar(ahead), "course.ics");
        return new Rendered(message, null);
    }

    private static void Attach(MimeMessage message, string ics, string fileName)
    {
        var mixed = new Multipart("mixed") { message.Body! };
        mixed.Add(new MimePart("text", "calendar")
        {
            Content = new MimeContent(new MemoryStream(Encoding.UTF8.GetBytes(ics))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = fileName,
        });
        message.Body = mixed;
    }

    /// <summary>
    /// Identity UI hands over one HTML sentence with one link; the link becomes the email's button. Its closing line
    /// is in the language in force (the one the stored sentence was written in).
    /// </summary>
    public MimeMessage IdentityEmail(string to, string subject, string htmlMessage, string? buttonText = null, string? closing = null)
    {
        closing ??= EmailText.Get("If you did not ask for this email, you can ignore it.");
        var link = HtmlText.AnchorRegex().Match(htmlMessage);
        var content = link.Success
            ? new EmailContent(to, subject,
                $"<p>{HtmlText.AnchorRegex().Replace(htmlMessage, m => m.Groups["text"].Value)}</p>" +
                $"<p>{WebUtility.HtmlEncode(closing)}</p>",
                buttonText ?? subject, OnPublicUrl(WebUtility.HtmlDecode(link.Groups["href"].Value)))
            : new EmailContent(to, subject, $"<p>{htmlMessage}</p>");
        return composer.Compose(content);
    }

    /// <summary>
    /// Identity UI builds its links from the request's Host header, which a client chooses: an attacker could have a
    /// victim's reset link point at their own site. Every link is put back on <c>App:PublicUrl</c>
    /// (<see cref="PublicAddress"/>).
    /// </summary>
    private string OnPublicUrl(string href) =>
        Uri.TryCreate(href, UriKind.Absolute, out var uri) ? BaseUrl + uri.PathAndQuery + uri.Fragment : href;

    /// <summary>Clinic data in a sentence (a name, the address): not for a translator to touch.</summary>
    private static string Data(string text) => $"<span translate=\"no\">{WebUtility.HtmlEncode(text)}</span>";

    private MimeMessage Appointment(OutboxMessage row, Appointment appointment, string subject, string opening, bool attachCalendar)
    {
        var clinic = settings.Current;
        var when = TimeFormat.When(appointment.StartUtc, clinic.Zone);
        var practitioner = appointment.Practitioner?.DisplayName ?? "";
        var html = $"<p>{WebUtility.HtmlEncode(opening)}</p>" +
                   $"<p><strong>{EmailText.Get("When:")}</strong> {WebUtility.HtmlEncode(when)}<br>" +
                   $"<strong>{EmailText.Get("With:")}</strong> {Data(practitioner)}<br>" +
                   $"<strong>{EmailText.Get("How long:")}</strong> {EmailText.Get("about {0} minutes", appointment.DurationMinutes)}<br>" +
                   $"<strong>{EmailText.Get("Where:")}</strong> {Data(clinic.Address)}</p>" +
                   $"<p>{EmailText.Html("To change or cancel, use the link below or call {0}.", clinic.Phone)}</p>";
        var cancelled = !appointment.IsActive;
        if (!cancelled && attachCalendar)
        {
            // Beside the attached .ics: one tap for people whose mail app does not open it (issue 16).
            var calendarEvent = CalendarFeed.CalendarLinks.For(appointment, clinic.Name, clinic.Address, clinic.Phone, BaseUrl);
            html += $"<p>{EmailText.Get("Add it to your calendar:")} <a href=\"{WebUtility.HtmlEncode(CalendarFeed.CalendarLinks.Google(calendarEvent))}\" translate=\"no\">Google Calendar</a> · " +
                    $"<a href=\"{WebUtility.HtmlEncode(CalendarFeed.CalendarLinks.Outlook(calendarEvent))}\" translate=\"no\">Outlook</a> · {EmailText.Get("or open the attached calendar file")}</p>";
        }

        if (cancelled)
        {
            html = $"<p>{WebUtility.HtmlEncode(opening)}</p><p>{EmailText.Get("<strong>Was:</strong> {0} with {1}", WebUtility.HtmlEncode(when), Data(practitioner))}</p>" +
                   $"<p>{EmailText.Get("The attached calendar file removes it from your calendar.")}</p>";
        }

        var message = composer.Compose(new EmailContent(row.Recipient, $"{subject}: {when}", html,
            EmailText.Get(cancelled ? "Book another visit" : "Manage your visit"),
            cancelled ? $"{BaseUrl}/book" : $"{BaseUrl}/appointments/{appointment.Id}"));
        if (attachCalendar)
        {
            Attach(message, Calendar(appointment), "visit.ics");
        }

        return message;
    }
}
