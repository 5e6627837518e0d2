using System.Globalization;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Features.Notifications;
using ClinicBooking.Web.Infrastructure;
using Hangfire;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClinicBooking.Web.Features.Admin;

/// <summary>
/// The clinic's settings (PRODUCT.md §6): validated, stored in the single settings row and swapped into
/// <see cref="ClinicSettingsStore"/> at once, so the next request already uses them.
/// </summary>
public sealed class SettingsAdmin(ClinicDbContext db, ClinicSettingsStore store, AuditLog audit, IRecurringJobManager jobs,
    IStringLocalizer<SettingsAdmin> text)
{
    public const int MaxHours = 24 * 60;

    public async Task<bool> SaveAsync(SettingsInput input, ModelStateDictionary errors)
    {
        var zoneId = input.TimeZone?.Trim() ?? "";
        // A region/city name follows the clinic's clocks through daylight saving; "EST" or "GMT+1" would not.
        if (zoneId.Length > 0 && !((zoneId.Contains('/', StringComparison.Ordinal) || zoneId == "UTC") && !zoneId.StartsWith("Etc/", StringComparison.Ordinal)
                                   && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone) && zone.HasIanaId))
        {
            errors.AddModelError(nameof(input.TimeZone),
                text["That is not a time zone we can use. Use the IANA region/city name of the clinic's clocks, such as America/New_York or Europe/Berlin."]);
        }

        var step = Whole(input.SlotStepMinutes, 5, 60, nameof(input.SlotStepMinutes),
            text["Enter the time between start times: 5, 10, 15, 20, 30 or 60 minutes (for example 15)."], errors);
        if (step is { } minutes && 60 % minutes != 0)
        {
            // Start times then fall on the same marks every hour (09:00, 09:15…), never 09:07.
            errors.AddModelError(nameof(input.SlotStepMinutes), text["Enter the time between start times: 5, 10, 15, 20, 30 or 60 minutes (for example 15)."]);
        }
        var notice = Minutes(input.MinimumNoticeHours, 1, nameof(input.MinimumNoticeHours),
            text["Enter the minimum notice in hours: more than 0 and at most {0} (for example 12).", MaxHours], errors);
        var horizon = Whole(input.BookingHorizonDays, 1, 730, nameof(input.BookingHorizonDays),
            text["Enter how far ahead patients may book in whole days, from 1 to 730 (for example 60)."], errors);
        var window = Minutes(input.CancellationWindowHours, 0, nameof(input.CancellationWindowHours),
            text["Enter the cancellation window in hours, from 0 to {0} (for example 24).", MaxHours], errors);
        var intake = Minutes(input.IntakeReminderHours, 1, nameof(input.IntakeReminderHours),
            text["Enter when to remind about a missing intake in hours before the visit: more than 0 and at most {0} (for example 72).", MaxHours], errors);
        var offsets = Offsets(input.ReminderOffsetsHours, errors);
        var culture = input.Culture?.Trim() ?? "";
        // The list on the page, or the culture the clinic already has (configured as any .NET culture, e.g. en-IN).
        if (!Features.Booking.ClinicCulture.Offered.Contains(culture, StringComparer.Ordinal) && culture != store.Current.Culture)
        {
            errors.AddModelError(nameof(input.Culture), text["Choose the clinic's language and region from the list."]);
        }

        if (!errors.IsValid)
        {
            return false;
        }

        var row = await db.ClinicSettings.SingleAsync();
        var zoneChanged = row.TimeZone != zoneId;
        row.Name = input.Name!.Trim();
        row.Address = input.Address!.Trim();
        row.Phone = input.Phone!.Trim();
        row.TimeZone = zoneId;
        row.SlotStepMinutes = step!.Value;
        row.MinimumNoticeMinutes = notice!.Value;
        row.BookingHorizonDays = horizon!.Value;
        row.CancellationWindowMinutes = window!.Value;
        row.ReminderOffsetsMinutes = string.Join(',', offsets!.Select(o => o.ToString(CultureInfo.InvariantCulture)));
        row.IntakeReminderOffsetMinutes = intake!.Value;
        row.AlertEmail = input.AlertEmail?.Trim() ?? "";
        row.Units = Enum.Parse<Domain.Intake.MeasurementUnits>(input.Units!);
        row.Culture = culture;
        audit.Add(AuditActions.SettingsUpdate, nameof(ClinicSettings), "1", null);
        await db.SaveChangesAsync();
        store.Replace(row);
        if (zoneChanged)
        {
            // The daily digest runs at 17:00 clinic time: follow the clinic to its new zone.
            NotificationsExtensions.ScheduleDigest(jobs, row.Zone);
        }

        return true;
    }

    private static int? Whole(string? text, int min, int max, string field, string message, ModelStateDictionary errors)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.AddModelError(field, message);
        return null;
    }

    /// <summary>Hours as typed ("12", "1.5") to whole minutes, at least <paramref name="minMinutes"/>.</summary>
    private static int? Minutes(string? text, int minMinutes, string field, string message, ModelStateDictionary errors)
    {
        if (AdminText.ParseNumber(text) is { } hours && hours * 60 >= minMinutes && hours <= MaxHours && hours * 60 == decimal.Round(hours * 60))
        {
            return (int)(hours * 60);
        }

        errors.AddModelError(field, message);
        return null;
    }

    private List<int>? Offsets(string? typed, ModelStateDictionary errors)
    {
        var message = text["Enter at least one reminder time in hours before the visit, separated by commas (for example 24, 2). Each must be more than 0."].Value;
        var parts = (typed ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var minutes = new List<int>();
        foreach (var part in parts)
        {
            if (AdminText.ParseNumber(part) is not { } hours || hours <= 0 || hours > MaxHours || hours * 60 != decimal.Round(hours * 60))
            {
                errors.AddModelError(nameof(SettingsInput.ReminderOffsetsHours), AdminText.ParseNumber(part) is null
                    ? text["\"{0}\" is not a number of hours. {1}", part, message]
                    : text["\"{0}\" cannot be a reminder time: each must be more than 0 hours (and whole minutes). {1}", part, message]);
                return null;
            }

            minutes.Add((int)(hours * 60));
        }

        if (minutes.Count == 0 || minutes.Count > 10)
        {
            errors.AddModelError(nameof(SettingsInput.ReminderOffsetsHours), minutes.Count == 0 ? message : text["At most 10 reminders."]);
            return null;
        }

        return minutes.Distinct().OrderDescending().ToList();
    }
}
