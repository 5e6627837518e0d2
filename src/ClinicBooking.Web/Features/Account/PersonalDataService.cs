using System.Globalization;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Features.Admin;
using ClinicBooking.Web.Features.Booking;
using ClinicBooking.Web.Features.Notifications;
using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Features.Account;

/// <summary>
/// A patient's right to their data (PRODUCT.md §8): download everything the clinic holds about them, and delete their
/// account. Deleting erases the intake (drafts, versions, reviews, urgent cases), visit outcomes and notes, the name
/// and contact details; past visits stay in the clinic's schedule as the placeholder "Deleted patient"; future visits
/// are cancelled through the booking's own path (reminders skipped, the practitioner told); nothing more is sent to the
/// address, and the outbox forgets it. The audit trail is append-only: its rows keep the former account id (a random
/// id, not a name or address) and one more row records the deletion.
/// </summary>
public sealed class PersonalDataService(
    ClinicDbContext db,
    UserManager<ApplicationUser> users,
    BookingService booking,
    Outbox outbox,
    AuditLog audit,
    ClinicClock clock)
{
    /// <summary>The placeholder account past visits of deleted patients belong to: no email, no password, no role, locked.</summary>
    public const string DeletedPatientId = "deleted-patient";

    public const string DeletedPatientName = "Deleted patient";

    /// <summary>Staff accounts are tied to schedules and reviews: the admin deactivates them instead.</summary>
    public async Task<bool> CanDeleteAsync(ApplicationUser user) =>
        user.Id != DeletedPatientId && !await users.IsInRoleAsync(user, Roles.Practitioner) && !await users.IsInRoleAsync(user, Roles.Admin);

    /// <summary>Deletes the account and everything personal in one write transaction; false for staff accounts.</summary>
    public async Task<bool> DeleteAsync(ApplicationUser user)
    {
        if (!await CanDeleteAsync(user))
        {
            return false;
        }

        await db.InWriteTransactionAsync(async () =>
        {
            var now = clock.UtcNow;
            await EnsureDeletedPatientAsync(now);
            var appointments = await db.Appointments.Where(a => a.PatientId == user.Id).ToListAsync();
            foreach (var future in appointments.Where(a => a.IsActive && a.StartUtc > now))
            {
                // The normal cancel: the slot frees, reminders are skipped; the patient's own email is withdrawn below.
                await booking.CancelAsync(future);
                await outbox.QueuePractitionerCancellationAsync(future);
            }

            foreach (var appointment in appointments)
            {
                appointment.HandToDeletedPatient(DeletedPatientId);
            }

            foreach (var course in await db.TreatmentCourses.Where(c => c.PatientId == user.Id).ToListAsync())
            {
                course.HandToDeletedPatient(DeletedPatientId);
            }

            await ForgetEmailsAsync(user.Email);
            await db.VisitOutcomes.Where(o => o.PatientId == user.Id).ExecuteDeleteAsync();
            await db.IntakeReviews.Where(r => r.PatientId == user.Id).ExecuteDeleteAsync();
            await db.UrgentCases.Where(c => c.PatientId == user.Id).ExecuteDeleteAsync();
            await db.IntakeDrafts.Where(d => d.PatientId == user.Id).ExecuteDeleteAsync();
            await db.IntakeVersions.Where(v => v.PatientId == user.Id).ExecuteDeleteAsync();
            audit.Add(AuditActions.AccountDelete, "Account", null, user.Id);
            await db.SaveChangesAsync();
            var deleted = await users.DeleteAsync(user);
            if (!deleted.Succeeded)
            {
                throw new InvalidOperationException("The account could not be deleted: " + string.Join("; ", deleted.Errors.Select(e => e.Code)));
            }

            return true;
        });
        outbox.Kick();
        return true;
    }

    /// <summary>Queued emails to the address are skipped; every row to it, sent or not, loses the address and its hash.</summary>
    private async Task ForgetEmailsAsync(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return;
        }

        var lower = email.Trim().ToLowerInvariant();
        var hash = OutboxMessage.HashRecipient(email);
        foreach (var row in await db.Outbox.Where(o => o.Recipient.ToLower() == lower || o.Recipient == hash).ToListAsync())
        {
            row.Forget();
        }
    }

    private async Task EnsureDeletedPatientAsync(DateTime now)
    {
        if (await db.Users.AnyAsync(u => u.Id == DeletedPatientId))
        {
            return;
        }

        // Written directly, not through UserManager: it has no email or password by design, and no one signs in as it.
        db.Users.Add(new ApplicationUser
        {
            Id = DeletedPatientId,
            UserName = DeletedPatientId,
            NormalizedUserName = DeletedPatientId.ToUpperInvariant(),
            FullName = DeletedPatientName,
            LockoutEnabled = true,
            LockoutEnd = DateTimeOffset.MaxValue,
            DeactivatedUtc = now,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Everything held about the person, decrypted, as one document; the export is audited like an intake export.</summary>
    public async Task<PersonalDataExport> ExportAsync(ApplicationUser user)
    {
        var zone = clock.Zone;
        var draft = await db.IntakeDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.PatientId == user.Id);
        var versions = await db.IntakeVersions.AsNoTracking().Where(v => v.PatientId == user.Id).OrderBy(v => v.Number).ToListAsync();
        var appointments = await db.Appointments.AsNoTracking().Include(a => a.Service).Include(a => a.Practitioner)
            .Where(a => a.PatientId == user.Id).OrderBy(a => a.StartUtc).ToListAsync();
        var emails = new List<EmailData>();
        if (!string.IsNullOrEmpty(user.Email))
        {
            var lower = user.Email.Trim().ToLowerInvariant();
            var hash = OutboxMessage.HashRecipient(user.Email);
            // Never the stored body: it holds a one-time link, not data about the person.
            var rows = await db.Outbox.AsNoTracking().Where(o => o.Recipient.ToLower() == lower || o.Recipient == hash)
                .OrderBy(o => o.CreatedUtc).ThenBy(o => o.Id)
                .Select(o => new { o.Kind, o.Subject, o.AppointmentId, o.Status, o.CreatedUtc, o.SentUtc }).ToListAsync();
            emails = rows.Select(o => new EmailData(AdminText.KindName(o.Kind),
                o.Subject ?? (o.AppointmentId is { } id ? $"{AdminText.KindName(o.Kind)} for visit {id.ToString(CultureInfo.InvariantCulture)}" : AdminText.KindName(o.Kind)),
                o.Status.ToString(), o.CreatedUtc, o.SentUtc)).ToList();
        }

        var waitlist = await db.WaitlistEntries.AsNoTracking().Include(e => e.Service).Include(e => e.Practitioner)
            .Where(e => e.PatientId == user.Id).OrderBy(e => e.CreatedUtc).ToListAsync();
        await audit.WriteAsync(AuditActions.PersonalDataExport, "Account", null, user.Id);
        return new PersonalDataExport(
            new ProfileData(user.FullName, user.Email, user.EmailConfirmed, user.PhoneNumber, await users.GetRolesAsync(user)),
            draft is null ? null : new IntakeDraftData(draft.UpdatedUtc, draft.Answers.Values),
            versions.Select(v => new IntakeVersionData(v.Number, v.SubmittedUtc, v.Answers.Values)).ToList(),
            appointments.Select(a => new AppointmentData(a.Id, a.StartUtc, a.EndUtc,
                TimeFormat.When(a.StartUtc, zone), a.Service?.Name ?? "", a.Practitioner?.DisplayName ?? "", a.Status.ToString(), a.CancelledUtc)).ToList(),
            emails,
            waitlist.Select(e => new WaitlistData(e.Service?.Name ?? "", e.Practitioner?.DisplayName, e.DayList.Select(d => d.ToString()).ToList(),
                e.Times.ToString(), e.Status == WaitlistStatus.Waiting && !e.IsWaiting(clock.UtcNow) ? "Expired" : e.Status.ToString(),
                e.CreatedUtc, e.ExpiresUtc)).ToList());
    }
}

public sealed record PersonalDataExport(
    ProfileData Profile,
    IntakeDraftData? IntakeDraft,
    IReadOnlyList<IntakeVersionData> IntakeVersions,
    IReadOnlyList<AppointmentData> Appointments,
    IReadOnlyList<EmailData> Emails,
    IReadOnlyList<WaitlistData> Waitlist);

/// <summary>A place on the waitlist: what for, with whom (null: anyone), which days and times, and what became of it.</summary>
public sealed record WaitlistData(string Service, string? Practitioner, IReadOnlyList<string> Days, string Times, string Status,
    DateTime JoinedUtc, DateTime ExpiresUtc);

public sealed record ProfileData(string FullName, string? Email, bool EmailConfirmed, string? PhoneNumber, IList<string> Roles);

public sealed record IntakeDraftData(DateTime UpdatedUtc, IReadOnlyDictionary<string, string> Answers);

public sealed record IntakeVersionData(int Number, DateTime SubmittedUtc, IReadOnlyDictionary<string, string> Answers);

public sealed record AppointmentData(int Id, DateTime StartUtc, DateTime EndUtc, string StartLocal, string Service, string Practitioner,
    string Status, DateTime? CancelledUtc);

public sealed record EmailData(string Kind, string Subject, string Status, DateTime QueuedUtc, DateTime? SentUtc);
