using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ClinicBooking.IntegrationTests.Kit;

/// <summary>
/// The app started the README's way (<c>dotnet run --project src/ClinicBooking.Web</c>) as its own process on a
/// free loopback port, with its own data folder and <c>Email:Smtp:*</c> pointing at a real SMTP server.
/// </summary>
public sealed class BlackBoxApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private BlackBoxApp(Process process, string data, int port, TestSmtpServer smtp)
    {
        _process = process;
        DataDirectory = data;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Smtp = smtp;
    }

    public string DataDirectory { get; }
    public Uri BaseAddress { get; }
    public TestSmtpServer Smtp { get; }

    /// <summary>Everything the app wrote to stdout and stderr.</summary>
    public IReadOnlyCollection<string> Output => _output.ToArray();

    public string ClinicDatabasePath => Path.Combine(DataDirectory, "clinic.db");

    /// <summary>Starts the app and waits until /health answers. <paramref name="settings"/> are configuration keys (":" form).</summary>
    public static async Task<BlackBoxApp> StartAsync(TestSmtpServer smtp, IReadOnlyDictionary<string, string>? settings = null,
        Func<string, Task>? prepareData = null)
    {
        var data = Directory.CreateTempSubdirectory("clinicbooking-blackbox-").FullName;
        if (prepareData is not null)
        {
            await prepareData(data);
        }

        var port = FreePort();
        // CLINIC_BLACKBOX_CONFIGURATION=Release runs the Release build (built beforehand), as a load test would.
        var configuration = Environment.GetEnvironmentVariable("CLINIC_BLACKBOX_CONFIGURATION") is { Length: > 0 } c ? c : "Debug";
        var start = new ProcessStartInfo("dotnet", ["run", "--project", "src/ClinicBooking.Web", "-c", configuration, "--no-build", "--", "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings:Clinic"] = $"Data Source={Path.Combine(data, "clinic.db")}",
            ["Hangfire:Database"] = Path.Combine(data, "hangfire.db"),
            ["DataProtection:KeysPath"] = Path.Combine(data, "keys"),
            ["Hangfire:PollInterval"] = "00:00:02",
            ["Email:PickupDirectory"] = Path.Combine(data, "mail"),
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["App:PublicUrl"] = $"http://127.0.0.1:{port}",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var app = new BlackBoxApp(Process.Start(start)!, data, port, smtp);
        app._process.OutputDataReceived += (_, e) => app._output.Enqueue(e.Data ?? "");
        app._process.ErrorDataReceived += (_, e) => app._output.Enqueue(e.Data ?? "");
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        try
        {
            await app.WaitForHealthAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>Ends the process at once, as <c>kill -9</c> would (SIGKILL): no shutdown, no last writes.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>A client on this instance that keeps its cookies in <paramref name="cookies"/> (shareable with another instance).</summary>
    public HttpClient CreateClient(System.Net.CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = BaseAddress };

    /// <summary>A client that keeps cookies and does not follow redirects.</summary>
    public HttpClient CreateClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = BaseAddress };

    private async Task WaitForHealthAsync()
    {
        using var client = CreateClient();
        for (var i = 0; i < 240; i++)
        {
            Assert.False(_process.HasExited, "The app exited:\n" + string.Join("\n", _output));
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500);
        }

        Assert.Fail("The app did not answer /health within two minutes:\n" + string.Join("\n", _output));
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone (killed by the test).
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, true);
        }
        catch (IOException)
        {
            // A file still held by a finishing process; the OS cleans temp folders.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ClinicBooking.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ClinicBooking.sln not found above the test folder.");
    }
}
