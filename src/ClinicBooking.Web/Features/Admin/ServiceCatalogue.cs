using System.Globalization;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClinicBooking.Web.Features.Admin;

/// <summary>
/// The services patients can book. Never deleted (booked visits refer to them): retired instead. A new duration or
/// buffer applies to bookings made afterwards; booked visits keep the end time they were booked with.
/// </summary>
public sealed class ServiceCatalogue(ClinicDbContext db, AuditLog audit, ClinicClock clock, IStringLocalizer<ServiceCatalogue> text)
{
    public const int MinDuration = 5, MaxDuration = Service.MaxDurationMinutes, DurationStep = 5, MaxBuffer = Service.MaxBufferMinutes;

    public Task<List<Service>> ListAsync() =>
        db.Services.AsNoTracking().OrderByDescending(s => s.IsActive).ThenBy(s => s.Name).ToListAsync();

    public Task<Service?> FindAsync(int id) => db.Services.SingleOrDefaultAsync(s => s.Id == id);

    public Task<int> UpcomingBookingsAsync(int id) =>
        db.Appointments.CountAsync(a => a.ServiceId == id && a.Status == AppointmentStatus.Booked && a.StartUtc > clock.UtcNow);

    public async Task<Service?> CreateAsync(ServiceInput input, ModelStateDictionary errors)
    {
        if (await ValidateAsync(input, null, errors) is not { } valid)
        {
            return null;
        }

        var service = new Service(valid.Name, valid.Duration, valid.Buffer, input.RequiresIntake);
        service.SetPrice(valid.Price);
        service.SetCourse(valid.Sessions, valid.DaysBetween);
        db.Services.Add(service);
        if (!await SaveAsync(errors))
        {
            return null;
        }

        audit.Add(AuditActions.ServiceCreate, nameof(Service), service.Id.ToString(CultureInfo.InvariantCulture), null);
        await db.SaveChangesAsync();
        return service;
    }

    public async Task<bool> UpdateAsync(Service service, ServiceInput input, ModelStateDictionary errors)
    {
        if (await ValidateAsync(input, service.Id, errors) is not { } valid)
        {
            return false;
        }

        service.Update(valid.Name, valid.Duration, valid.Buffer, input.RequiresIntake);
        service.SetPrice(valid.Price);
        // Courses already booked keep their sessions; only courses booked from now on follow the new count and spacing.
        service.SetCourse(valid.Sessions, valid.DaysBetween);
        audit.Add(AuditActions.ServiceUpdate, nameof(Service), service.Id.ToString(CultureInfo.InvariantCulture), null);
        return await SaveAsync(errors);
    }

    /// <summary>Retired services are no longer offered; visits already booked for them go ahead.</summary>
    public async Task SetActiveAsync(Service service, bool active)
    {
        if (active)
        {
            service.Reinstate();
        }
        else
        {
            service.Retire();
        }

        audit.Add(active ? AuditActions.ServiceReinstate : AuditActions.ServiceRetire, nameof(Service),
            service.Id.ToString(CultureInfo.InvariantCulture), null);
        await db.SaveChangesAsync();
    }

    private async Task<(string Name, int Duration, int Buffer, decimal? Price, int? Sessions, int? DaysBetween)?> ValidateAsync(ServiceInput input, int? id, ModelStateDictionary errors)
    {
        var duration = ParseWhole(input.DurationMinutes);
        if (duration is null || duration < MinDuration || duration > MaxDuration || duration % DurationStep != 0)
        {
            errors.AddModelError(nameof(input.DurationMinutes),
                text["Enter the length in minutes, from {0} to {1}, in steps of {2} (for example 45).", MinDuration, MaxDuration, DurationStep]);
        }

        var buffer = ParseWhole(input.BufferMinutes);
        if (buffer is null || buffer < 0 || buffer > MaxBuffer)
        {
            errors.AddModelError(nameof(input.BufferMinutes), text["Enter the time after the visit in minutes, from 0 to {0}.", MaxBuffer]);
        }

        decimal? price = null;
        var priceText = input.Price?.Trim().TrimStart('$', '€', '£') ?? "";
        if (priceText.Length > 0)
        {
            if (priceText.Length <= 12 && decimal.TryParse(priceText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p)
                && p <= Service.MaxPrice && decimal.Round(p, 2) == p)
            {
                price = p;
            }
            else
            {
                errors.AddModelError(nameof(input.Price), text["Enter the price as a number like 85 or 85.50, or leave it empty to show no price."]);
            }
        }

        // A course: both numbers, or neither (single visits).
        int? sessions = null, daysBetween = null;
        var sessionsText = input.CourseSessions?.Trim() ?? "";
        var daysText = input.CourseDaysBetween?.Trim() ?? "";
        if (sessionsText.Length > 0 || daysText.Length > 0)
        {
            sessions = ParseWhole(sessionsText);
            daysBetween = ParseWhole(daysText);
            if (sessions is null || sessions < Service.MinCourseSessions || sessions > Service.MaxCourseSessions)
            {
                errors.AddModelError(nameof(input.CourseSessions), text["Enter the number of sessions in the course, from {0} to {1}, or leave both course fields empty for single visits.",
                    Service.MinCourseSessions, Service.MaxCourseSessions]);
            }

            if (daysBetween is null || daysBetween < Service.MinCourseDaysBetween || daysBetween > Service.MaxCourseDaysBetween)
            {
                errors.AddModelError(nameof(input.CourseDaysBetween), text["Enter the days between sessions, from {0} to {1}, or leave both course fields empty for single visits.",
                    Service.MinCourseDaysBetween, Service.MaxCourseDaysBetween]);
            }
        }

        var name = input.Name?.Trim() ?? "";
        if (name.Length > 0 && await db.Services.AnyAsync(s => s.Name == name && s.Id != id))
        {
            errors.AddModelError(nameof(input.Name), text["Another service already has this name. Choose a different one."]);
        }

        return errors.IsValid ? (name, duration!.Value, buffer!.Value, price, sessions, daysBetween) : null;
    }

    private async Task<bool> SaveAsync(ModelStateDictionary errors)
    {
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateException)
        {
            // Two admins naming two services alike at the same moment: the unique index decides.
            db.ChangeTracker.Clear();
            errors.AddModelError(nameof(ServiceInput.Name), text["Another service already has this name. Choose a different one."]);
            return false;
        }
    }

    private static int? ParseWhole(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
