using System.Globalization;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>
/// The clinic's settings as the app uses them: read from the database at start-up (after the first start has
/// copied the configuration in) and replaced whenever the admin saves. Readers get an immutable snapshot.
/// </summary>
public sealed class ClinicSettingsStore(IOptions<ClinicOptions> options)
{
    private volatile ClinicSettings _current = FromOptions(options.Value);

    public ClinicSettings Current => _current;

    public static ClinicSettings FromOptions(ClinicOptions o) => new()
    {
        Name = o.Name,
        Address = o.Address,
        Phone = o.Phone,
        TimeZone = o.TimeZone,
        SlotStepMinutes = (int)o.SlotStep.TotalMinutes,
        MinimumNoticeMinutes = (int)o.MinimumNotice.TotalMinutes,
        BookingHorizonDays = o.BookingHorizonDays,
        CancellationWindowMinutes = (int)o.CancellationWindow.TotalMinutes,
        ReminderOffsetsMinutes = string.Join(',', o.EffectiveReminderOffsets.Select(t => ((int)t.TotalMinutes).ToString(CultureInfo.InvariantCulture))),
        IntakeReminderOffsetMinutes = (int)o.IntakeReminderOffset.TotalMinutes,
        AlertEmail = o.AlertEmail,
        Units = o.EffectiveUnits,
        Culture = o.Culture,
    };

    /// <summary>On a fresh database the configuration wins; afterwards the stored row does.</summary>
    public async Task LoadAsync(ClinicDbContext db)
    {
        var stored = await db.ClinicSettings.AsNoTracking().SingleOrDefaultAsync();
        if (stored is null)
        {
            stored = FromOptions(options.Value);
            db.ClinicSettings.Add(stored);
            await db.SaveChangesAsync();
            db.Entry(stored).State = EntityState.Detached;
        }
        else if (string.IsNullOrWhiteSpace(stored.AlertEmail) && ClinicOptions.IsEmail(options.Value.AlertEmail))
        {
            // A database from before the alert address was required: the configured one fills the gap.
            await db.ClinicSettings.ExecuteUpdateAsync(s => s.SetProperty(x => x.AlertEmail, options.Value.AlertEmail.Trim()));
            stored.AlertEmail = options.Value.AlertEmail.Trim();
        }

        _current = stored.Copy();
    }

    public void Replace(ClinicSettings settings) => _current = settings.Copy();
}
