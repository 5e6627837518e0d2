using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Features.Notifications;

/// <summary>
/// Queues emails as outbox rows in the caller's unit of work (they commit with the change that causes them), and
/// wakes the dispatcher in this process after the commit so new confirmations go out within a second or two.
/// </summary>
public sealed class Outbox(ClinicDbContext db, ClinicSettingsStore settings, ClinicClock clock, OutboxSignal signal)
{
    /// <param name="email">The patient's address when the caller has it already (read before a write lock, say).</param>
    public Task QueueBookedAsync(Appointment appointment, bool requiresIntake, string? email = null) =>
        QueueForCurrentTimeAsync(OutboxKind.BookingConfirmation, appointment, requiresIntake, email);

    /// <summary>The old time's reminders are skipped (kept, for the admin's history); the new time gets its own.</summary>
    public async Task QueueMovedAsync(Appointment appointment, bool requiresIntake)
    {
        await SkipPendingAsync(appointment.Id, "The appointment moved.");
        await QueueForCurrentTimeAsync(OutboxKind.RescheduleConfirmation, appointment, requiresIntake);
    }

    /// <summary>A confirmation now, a reminder per offset still ahead, and the intake-missing reminder where it applies.</summary>
    private async Task QueueForCurrentTimeAsync(OutboxKind confirmation, Appointment appointment, bool requiresIntake, string? email = null)
    {
        email ??= await PatientEmailAsync(appointment.PatientId);
        var now = clock.UtcNow;
        db.Outbox.Add(OutboxMessage.ForAppointment(confirmation, email, appointment.Id, appointment.StartUtc, now, now));
        QueueReminders(appointment, email, now);
        var intakeDue = appointment.StartUtc - settings.Current.IntakeReminderOffset;
        if (requiresIntake && intakeDue > now)
        {
            db.Outbox.Add(OutboxMessage.ForAppointment(OutboxKind.IntakeMissingReminder, email, appointment.Id, appointment.StartUtc, intakeDue, now));
        }
    }

    /// <summary>
    /// The rest of a course was booked: one confirmation listing every session (on the first visit's row), and each
    /// new session's reminders. No booking confirmation per session. Call after the sessions are saved (they need ids).
    /// </summary>
    public void QueueCourseBooked(Appointment first, IEnumerable<Appointment> rest, string email)
    {
        var now = clock.UtcNow;
        db.Outbox.Add(OutboxMessage.ForAppointment(OutboxKind.CourseConfirmation, email, first.Id, first.StartUtc, now, now));
        foreach (var session in rest)
        {
            QueueReminders(session, email, now);
        }
    }

    public async Task QueueCancelledAsync(Appointment appointment)
    {
        await SkipPendingAsync(appointment.Id, "The appointment was cancelled.");
        var now = clock.UtcNow;
        db.Outbox.Add(OutboxMessage.ForAppointment(OutboxKind.CancelConfirmation, await PatientEmailAsync(appointment.PatientId),
            appointment.Id, appointment.StartUtc, now, now));
    }

    /// <summary>
    /// Tells the practitioner that a visit with them was cancelled because the patient deleted their account: when
    /// and what only (the patient and their name are gone). Rendered when sent, like every appointment email.
    /// </summary>
    public async Task QueuePractitionerCancellationAsync(Appointment appointment)
    {
        var email = await db.Practitioners.Where(p => p.Id == appointment.PractitionerId)
            .Join(db.Users, p => p.UserId, u => u.Id, (p, u) => u.Email).SingleOrDefaultAsync();
        if (!string.IsNullOrEmpty(email))
        {
            var now = clock.UtcNow;
            db.Outbox.Add(OutboxMessage.ForAppointment(OutboxKind.PractitionerCancellation, email, appointment.Id, appointment.StartUtc, now, now));
        }
    }

    public void QueueStored(OutboxKind kind, string recipient, string subject, string html) =>
        db.Outbox.Add(OutboxMessage.Stored(kind, recipient, subject, html, clock.UtcNow));

    /// <summary>"Forgot your password?" for this address, known or not: the dispatcher decides when it sends.</summary>
    public void QueueResetRequested(string recipient) =>
        db.Outbox.Add(OutboxMessage.ResetRequested(recipient, clock.UtcNow));

    /// <summary>"Send the confirmation email again" for this address, known or not: the dispatcher decides when it sends.</summary>
    public void QueueConfirmationRequested(string recipient) =>
        db.Outbox.Add(OutboxMessage.ConfirmationRequested(recipient, clock.UtcNow));

    /// <summary>A caller's new account: the "set your password" email, its link made when sent.</summary>
    public void QueuePatientInvitation(string recipient) => db.Outbox.Add(OutboxMessage.PatientInvited(recipient, clock.UtcNow));

    public void QueuePlain(OutboxKind kind, string recipient) =>
        db.Outbox.Add(OutboxMessage.Plain(kind, recipient, clock.UtcNow, clock.UtcNow));

    /// <summary>
    /// Wakes the dispatcher in this process (<see cref="OutboxPump"/>; Hangfire's sweep also runs every minute). Call
    /// after the commit. No job is written: a booking costs no Hangfire storage.
    /// </summary>
    public void Kick() => signal.Wake();

    private void QueueReminders(Appointment appointment, string email, DateTime now)
    {
        foreach (var (offset, due) in OutboxRules.Reminders(appointment.StartUtc, now, settings.Current.ReminderOffsets))
        {
            db.Outbox.Add(OutboxMessage.ForAppointment(OutboxKind.Reminder, email, appointment.Id, appointment.StartUtc, due, now,
                (int)offset.TotalMinutes));
        }
    }

    private async Task SkipPendingAsync(int appointmentId, string reason)
    {
        foreach (var row in await db.Outbox.Where(o => o.AppointmentId == appointmentId && o.Status == OutboxStatus.Pending).ToListAsync())
        {
            row.Skip(reason);
        }
    }

    public async Task<string> PatientEmailAsync(string patientId) =>
        await db.Users.Where(u => u.Id == patientId).Select(u => u.Email).SingleAsync() ?? "";
}
