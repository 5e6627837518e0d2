using System.Data.Common;
using ClinicBooking.Web.Data;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>
/// On PostgreSQL (several instances, one database) keeps this instance's <see cref="ClinicSettingsStore"/> in step:
/// every <see cref="Interval"/> it reads the clinic's availability stamp (one indexed row; every save of the settings,
/// a service, a practitioner or their hours bumps it in the same transaction), and when it moved, reloads the settings.
/// So a change the admin saved on one instance takes effect on every other within a few seconds. The instance that
/// saved has the new settings at once (<see cref="ClinicSettingsStore.Replace"/>).
/// </summary>
public sealed class ClinicSettingsRefresher(ClinicSettingsStore store, ClinicDatabase database, IServiceScopeFactory scopes,
    ILogger<ClinicSettingsRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>The clinic's own stamp (<see cref="Domain.Booking.AvailabilityStamp.Clinic"/>, row 0).</summary>
    private const string ReadStamp = "SELECT \"Version\" FROM \"AvailabilityStamps\" WHERE \"PractitionerId\" = 0";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? seen = null;
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                var version = await ReadVersionAsync(stoppingToken);
                if (seen is not null && version != seen)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await store.LoadAsync(scope.ServiceProvider.GetRequiredService<ClinicDbContext>());
                    logger.LogInformation("The clinic's settings changed in the database; reloaded.");
                }

                seen = version;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (DbException e)
            {
                logger.LogWarning(e, "Checking the clinic's settings for changes failed; the next check tries again.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task<long> ReadVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = ReadStamp;
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }
}
