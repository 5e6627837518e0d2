using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ClinicBooking.IntegrationTests.Kit;

/// <summary>
/// The whole app on a fresh SQLite file in its own temporary folder (clinic and Hangfire databases, mail
/// pickup folder), with a fake clock, and email sent to a real SMTP server on loopback unless
/// <see cref="UseSmtp"/> is false. Development environment by default, so the demo data is seeded.
/// </summary>
public class ClinicAppFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsData;

    static ClinicAppFactory()
    {
        // A test run starts a hundred hosts; each one's config and static-file watchers would take inotify
        // instances (128 per user by default) until the next host fails to start. Tests never edit those files.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    public ClinicAppFactory() : this(null, null, null)
    {
    }

    /// <summary>
    /// A host on an existing data folder, clock and SMTP server: a "restart" of an earlier host. Only the first
    /// host deletes the folder.
    /// </summary>
    public ClinicAppFactory(string? dataDirectory, FakeTimeProvider? clock, TestSmtpServer? smtp)
    {
        _ownsData = dataDirectory is null;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("clinicbooking-test-").FullName;
        Clock = clock ?? new FakeTimeProvider(DateTimeOffset.UtcNow);
        Smtp = smtp ?? new TestSmtpServer();
        _ownsSmtp = smtp is null;
    }

    private readonly bool _ownsSmtp;

    /// <summary>Every log line the app wrote, all categories, for "no personal data in logs" checks.</summary>
    public CapturedLogs Logs { get; } = new();

    public string DataDirectory { get; }
    public FakeTimeProvider Clock { get; }
    public TestSmtpServer Smtp { get; }
    public bool UseSmtp { get; init; } = true;
    public string EnvironmentName { get; init; } = "Development";
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>Extra EF interceptors for the app's context (a test that needs to disturb one command).</summary>
    public List<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor> DbInterceptors { get; } = new();

    /// <summary>
    /// Run the Hangfire server (jobs, the outbox dispatcher). A test that arranges outbox rows and reads them back
    /// turns it off, so no dispatcher sends them meanwhile; the storage itself stays.
    /// </summary>
    public bool HangfireServer { get; init; } = true;

    /// <summary>Keep the app's own rate limits (otherwise lifted so ordinary tests never meet them).</summary>
    public bool DefaultRateLimits { get; init; }

    public string ClinicDatabasePath => Path.Combine(DataDirectory, "clinic.db");

    /// <summary>The engine: SQLite (a file in <see cref="DataDirectory"/>) unless a test asks for PostgreSQL.</summary>
    public ClinicBooking.Web.Data.DatabaseProvider Provider { get; init; } = ClinicBooking.Web.Data.DatabaseProvider.Sqlite;

    /// <summary>
    /// On PostgreSQL: the database to use, shared with another host (a second instance); by default a new one of this
    /// host's own (<see cref="PostgresKit"/>), dropped when the host is disposed.
    /// </summary>
    public string? PostgreSqlConnectionString
    {
        get => _postgres ??= Provider == ClinicBooking.Web.Data.DatabaseProvider.PostgreSql ? CreateOwnDatabase() : null;
        init => _postgres = value;
    }

    private string? _postgres;
    private bool _ownsPostgres;

    private string CreateOwnDatabase()
    {
        _ownsPostgres = true;
        return PostgresKit.NewDatabase();
    }
    public string MailDirectory => Path.Combine(DataDirectory, "mail");
    public string KeysDirectory => Path.Combine(DataDirectory, "keys");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        if (Provider == ClinicBooking.Web.Data.DatabaseProvider.PostgreSql)
        {
            builder.UseSetting("Database:Provider", "PostgreSql");
            builder.UseSetting("ConnectionStrings:Clinic", PostgreSqlConnectionString);
        }
        else
        {
            builder.UseSetting("ConnectionStrings:Clinic", $"Data Source={ClinicDatabasePath}");
        }

        builder.UseSetting("Hangfire:Database", Path.Combine(DataDirectory, "hangfire.db"));
        builder.UseSetting("Hangfire:PollInterval", "00:00:01");
        builder.UseSetting("Email:PickupDirectory", MailDirectory);
        builder.UseSetting("DataProtection:KeysPath", KeysDirectory);
        builder.UseSetting("Email:Smtp:Host", UseSmtp ? "127.0.0.1" : "");
        builder.UseSetting("Email:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:Smtp:Security", "None");
        builder.UseSetting("App:PublicUrl", "http://localhost");
        // Required in Production; a test about its absence sets it to "".
        builder.UseSetting("Clinic:AlertEmail", "alerts@clinic.test");
        // The tests' answers are in grams and mL; the demo clinic's culture (en-US) would otherwise choose US units.
        builder.UseSetting("Clinic:Units", "Metric");
        if (!DefaultRateLimits)
        {
            // Every test client shares one address (TestServer has none), and many tests sign in and book far more
            // often than a person would: lift the limits unless a test is about them.
            foreach (var limit in new[] { "SignIn", "SignUp", "PasswordReset", "Booking" })
            {
                builder.UseSetting($"RateLimits:{limit}:PermitLimit", "1000000");
            }

            // The cap on visits ahead per patient is a limit of the same kind (races and load tests let one patient win often).
            builder.UseSetting("Clinic:MaxUpcomingVisitsPerPatient", "100");
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(Logs);
        });
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            if (!HangfireServer)
            {
                foreach (var server in services.Where(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService)
                             && (d.ImplementationType ?? d.ImplementationFactory?.Method.ReturnType) == typeof(Hangfire.BackgroundJobServerHostedService)).ToList())
                {
                    services.Remove(server);
                }
            }

            services.AddSingleton<QueryCounter>();
            services.AddSingleton<IStartupFilter, WriteCounterMarker>();
            services.ConfigureDbContext<ClinicBooking.Web.Data.ClinicDbContext>((sp, options) =>
                options.AddInterceptors([sp.GetRequiredService<QueryCounter>(), .. DbInterceptors]));
            services.ConfigureDbContext<ClinicBooking.Web.Data.PostgreSql.PostgreSqlClinicDbContext>((sp, options) =>
                options.AddInterceptors([sp.GetRequiredService<QueryCounter>(), .. DbInterceptors]));
        });
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see each step.</summary>
    public HttpClient CreateBrowserlikeClient(bool https = false) =>
        CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri(https ? "https://localhost" : "http://localhost"),
        });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsSmtp)
        {
            await Smtp.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsPostgres && _postgres is not null)
        {
            PostgresKit.DropDatabase(_postgres);
        }

        if (!_ownsData)
        {
            GC.SuppressFinalize(this);
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing background thread; the OS cleans temp folders.
        }

        GC.SuppressFinalize(this);
    }
}
