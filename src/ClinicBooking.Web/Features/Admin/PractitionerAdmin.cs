using System.Globalization;
using System.Net;
using System.Text;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Domain.Practice;
using ClinicBooking.Web.Features.Booking;
using ClinicBooking.Web.Features.Notifications;
using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClinicBooking.Web.Features.Admin;

/// <summary>
/// Practitioners as the admin manages them: an Identity account with the Practitioner role plus a Practitioner row,
/// weekly hours, and deactivation. Business-rule failures come back as ModelState errors; nothing is saved then.
/// </summary>
public sealed class PractitionerAdmin(
    ClinicDbContext db,
    UserManager<ApplicationUser> users,
    BookingService booking,
    Outbox outbox,
    AuditLog audit,
    ClinicClock clock,
    ClinicSettingsStore settings,
    AdminDashboard dashboard,
    ClinicBooking.Web.Features.Practice.PracticeService practice,
    PublicAddress publicAddress,
    IStringLocalizer<PractitionerAdmin> text)
{
    public const string DuplicateEmail = "There is already an account with this email address. Each person has one account.";

    public async Task<List<PractitionerLine>> ListAsync()
    {
        var now = clock.UtcNow;
        return await (from p in db.Practitioners.AsNoTracking()
                join u in db.Users on p.UserId equals u.Id
                orderby p.IsActive descending, p.DisplayName
                select new PractitionerLine(p.Id, p.DisplayName, u.Email ?? "", p.IsActive, p.WorkingIntervals.Count,
                    db.Appointments.Count(a => a.PractitionerId == p.Id && a.Status == AppointmentStatus.Booked && a.StartUtc > now)))
            .ToListAsync();
    }

    public Task<Practitioner?> FindAsync(int id) =>
        db.Practitioners.Include(p => p.WorkingIntervals).SingleOrDefaultAsync(p => p.Id == id);

    public async Task<string> EmailOfAsync(Practitioner practitioner) =>
        await db.Users.Where(u => u.Id == practitioner.UserId).Select(u => u.Email).SingleAsync() ?? "";

    /// <summary>Booked visits still ahead, with the patient's name.</summary>
    public async Task<List<AppointmentLine>> UpcomingAsync(int practitionerId)
    {
        // The horizon may have been shortened since some visits were booked: look well past it.
        var visits = await dashboard.AppointmentsAsync(clock.Today, clock.Today.AddDays(settings.Current.BookingHorizonDays + 400), practitionerId);
        return visits.Where(a => a.StartUtc > clock.UtcNow).ToList();
    }

    /// <summary>
    /// Creates the account (email confirmed, no password), the role, the practitioner and the "set your password"
    /// email in one write transaction, so a double-clicked submit finds the first one's account and stops.
    /// </summary>
    public async Task<Practitioner?> CreateAsync(NewPractitionerInput input, ModelStateDictionary errors)
    {
        var email = input.Email!.Trim();
        var name = input.DisplayName!.Trim();
        Practitioner? created;
        try
        {
            created = await db.InWriteTransactionAsync(async () =>
            {
                if (await users.FindByEmailAsync(email) is not null)
                {
                    errors.AddModelError(nameof(input.Email), text[DuplicateEmail]);
                    return null;
                }

                var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, FullName = name };
                var result = await users.CreateAsync(user);
                if (!result.Succeeded)
                {
                    foreach (var error in result.Errors)
                    {
                        errors.AddModelError(nameof(input.Email), error.Code is "DuplicateUserName" or "DuplicateEmail" ? text[DuplicateEmail] : error.Description);
                    }

                    return null;
                }

                Check(await users.AddToRoleAsync(user, Roles.Practitioner));
                var practitioner = new Practitioner(user.Id, name, input.Bio?.Trim() ?? "");
                db.Practitioners.Add(practitioner);
                await db.SaveChangesAsync();
                audit.Add(AuditActions.PractitionerCreate, nameof(Practitioner), practitioner.Id.ToString(CultureInfo.InvariantCulture), null);
                await QueueSetPasswordAsync(user, name);
                await db.SaveChangesAsync();
                return practitioner;
            });
        }
        catch (DbUpdateException)
        {
            // The unique user name index caught a submit that raced past the check.
            errors.AddModelError(nameof(input.Email), text[DuplicateEmail]);
            return null;
        }

        if (created is not null)
        {
            outbox.Kick();
        }

        return created;
    }

    /// <summary>A link to Identity's reset-password page, worded as "set your password"; the code is Base64Url as the page expects.</summary>
    private async Task QueueSetPasswordAsync(ApplicationUser user, string name)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        var link = $"{publicAddress.BaseUrl}/Identity/Account/ResetPassword?code={code}";
        var clinic = settings.Current.Name;
        var html = text["Hello {0}, {1} has made you a practitioner account. Your sign-in is this email address. "
                        + "<a href=\"{2}\">Set your password</a> to start: on the page, type this email address and a password of at least 10 characters.",
            WebUtility.HtmlEncode(name), WebUtility.HtmlEncode(clinic), WebUtility.HtmlEncode(link)].Value;
        outbox.QueueStored(OutboxKind.StaffInvitation, user.Email!, text["Set your password for {0}", clinic], html);
    }

    public async Task UpdateProfileAsync(Practitioner practitioner, PractitionerProfileInput input)
    {
        practitioner.UpdateProfile(input.DisplayName!.Trim(), input.Bio?.Trim() ?? "");
        audit.Add(AuditActions.PractitionerUpdate, nameof(Practitioner), practitioner.Id.ToString(CultureInfo.InvariantCulture), null);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Replaces the weekly hours. Refused (listing them in <paramref name="orphaned"/>) when a booked visit still ahead
    /// would fall outside the new hours: the admin moves or cancels those first.
    /// </summary>
    public async Task<bool> SetHoursAsync(Practitioner practitioner, WeeklyHoursInput input, ModelStateDictionary errors,
        List<AppointmentLine> orphaned)
    {
        var hours = new List<HoursInterval>();
        foreach (var day in WeeklyHours.Week)
        {
            if (WeeklyHours.TryParse(day, input.Of(day), out var problem) is { } parsed)
            {
                hours.AddRange(parsed);
            }
            else
            {
                errors.AddModelError(day.ToString(), text["{0}: {1}", Features.Practice.Weekdays.Name(day), problem!]);
            }
        }

        if (!errors.IsValid)
        {
            return false;
        }

        // The same check-and-save as the practitioner's own page: refused while a booked visit would be stranded.
        var stranded = (await practice.SaveHoursAsync(practitioner, hours, AuditActions.PractitionerHours)).Select(a => a.Id).ToHashSet();
        if (stranded.Count > 0)
        {
            orphaned.AddRange((await UpcomingAsync(practitioner.Id)).Where(a => stranded.Contains(a.Id)));
            errors.AddModelError("", stranded.Count == 1
                ? text["These hours would leave {0} booked visit outside working time. Move or cancel them first, or keep hours that cover them.", stranded.Count]
                : text["These hours would leave {0} booked visits outside working time. Move or cancel them first, or keep hours that cover them.", stranded.Count]);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Hides the practitioner from booking. While visits are booked ahead it is refused, unless the admin asked to
    /// cancel them: then each is cancelled through the booking service (which queues the patient's email) in the
    /// same transaction as the deactivation.
    /// </summary>
    public async Task<bool> DeactivateAsync(Practitioner practitioner, bool cancelAppointments, ModelStateDictionary errors)
    {
        var done = await db.InWriteTransactionAsync(async () =>
        {
            var ahead = await db.Appointments
                .Where(a => a.PractitionerId == practitioner.Id && a.Status == AppointmentStatus.Booked && a.StartUtc > clock.UtcNow)
                .ToListAsync();
            if (ahead.Count > 0 && !cancelAppointments)
            {
                errors.AddModelError("CancelAppointments", ahead.Count == 1
                    ? text["{0} has {1} booked visit ahead. Tick \"Cancel these visits and email the patients\" to go ahead, or move the visits first.", practitioner.DisplayName, ahead.Count]
                    : text["{0} has {1} booked visits ahead. Tick \"Cancel these visits and email the patients\" to go ahead, or move the visits first.", practitioner.DisplayName, ahead.Count]);
                return false;
            }

            foreach (var appointment in ahead)
            {
                audit.Add(AuditActions.AppointmentCancelByAdmin, nameof(Appointment), appointment.Id.ToString(CultureInfo.InvariantCulture), appointment.PatientId);
                await booking.CancelAsync(appointment);
            }

            practitioner.Deactivate();
            audit.Add(AuditActions.PractitionerDeactivate, nameof(Practitioner), practitioner.Id.ToString(CultureInfo.InvariantCulture), null);
            // The account is shut with the practitioner row: no sign-in, and open sessions end on their next request.
            Check(await ((ClinicUserManager)users).DeactivateAsync(await users.Users.SingleAsync(u => u.Id == practitioner.UserId)));
            await db.SaveChangesAsync();
            return true;
        });
        if (done)
        {
            outbox.Kick();
        }

        return done;
    }

    public async Task ReactivateAsync(Practitioner practitioner)
    {
        practitioner.Reactivate();
        audit.Add(AuditActions.PractitionerReactivate, nameof(Practitioner), practitioner.Id.ToString(CultureInfo.InvariantCulture), null);
        Check(await ((ClinicUserManager)users).ReactivateAsync(await users.Users.SingleAsync(u => u.Id == practitioner.UserId)));
        await db.SaveChangesAsync();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Could not change the practitioner's account: " +
                                                string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}
