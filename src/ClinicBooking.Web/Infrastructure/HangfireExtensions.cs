using ClinicBooking.Web.Domain;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.Logging;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>Configuration section <c>Hangfire</c>.</summary>
public sealed class HangfireSettings
{
    public const string Section = "Hangfire";

    /// <summary>
    /// SQLite file for Hangfire's own storage (separate from the clinic database). On PostgreSQL,
    /// <c>ConnectionStrings:Hangfire</c> (or the clinic's connection string) is used instead.
    /// </summary>
    public string Database { get; set; } = "App_Data/hangfire.db";

    public int WorkerCount { get; set; } = 2;

    /// <summary>How often scheduled and queued jobs are looked for; tests lower it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);
}

public static class HangfireExtensions
{
    public static WebApplicationBuilder AddClinicHangfire(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HangfireSettings>().Bind(builder.Configuration.GetSection(HangfireSettings.Section));
        // The storage belongs to this host's container, not to Hangfire's global JobStorage.Current: two hosts in
        // one process (the test suite) must never share, or dispose, each other's storage.
        builder.Services.AddSingleton<JobStorage>(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<HangfireSettings>>().Value;
            var database = sp.GetRequiredService<ClinicBooking.Web.Data.ClinicDatabase>();
            if (database.IsPostgreSql)
            {
                // Every instance's server shares this storage: jobs, the recurring sweep and their locks are rows in
                // PostgreSQL (schema "hangfire"), so a job runs on one instance. The schema is created or upgraded
                // under Hangfire's own lock, so instances starting together on an empty database both come up.
                var options = new PostgreSqlStorageOptions
                {
                    QueuePollInterval = settings.PollInterval,
                    PrepareSchemaIfNecessary = true,
                };
                return new PostgreSqlStorage(new NpgsqlConnectionFactory(
                    database.HangfireConnectionString(sp.GetRequiredService<IConfiguration>()), options), options);
            }

            var path = Path.GetFullPath(settings.Database, sp.GetRequiredService<IHostEnvironment>().ContentRootPath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return new SQLiteStorage(path, new SQLiteStorageOptions { QueuePollInterval = settings.PollInterval });
        });
        // Hangfire's defaults are process-wide (JobActivator.Current, LogProvider): with two hosts in one process
        // (the test suite) a server would build its jobs from the other host's container. Each host gets its own.
        builder.Services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        // One server per instance. On SQLite that is one per database (its locks are not meant for several processes);
        // on PostgreSQL every instance runs one on the shared storage.
        builder.Services.AddHangfireServer((sp, options) =>
        {
            var settings = sp.GetRequiredService<IOptions<HangfireSettings>>().Value;
            options.WorkerCount = settings.WorkerCount;
            options.SchedulePollingInterval = settings.PollInterval;
            options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
        });
        return builder;
    }

    /// <summary>
    /// The dashboard for admins only. Hangfire's default filter lets any local request in, and behind a reverse
    /// proxy every request is local, so both the endpoint policy and the dashboard filter check the role.
    /// </summary>
    public static void MapClinicHangfireDashboard(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHangfireDashboard("/hangfire", new DashboardOptions
            {
                Authorization = [new AdminOnlyDashboardFilter()],
                DisplayStorageConnectionString = false,
                AppPath = "/",
            })
            .RequireAuthorization(Policies.Admin);

    private sealed class AdminOnlyDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
    }
}

/// <summary>
/// Hangfire's log provider is global; this one survives its host being disposed (it then stops logging) instead of
/// throwing from every other host's Hangfire code.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return new SafeLog(_inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new SafeLog(null);
        }
    }

    private sealed class SafeLog(ILog? inner) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return inner?.Log(logLevel, messageFunc, exception) ?? false;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
