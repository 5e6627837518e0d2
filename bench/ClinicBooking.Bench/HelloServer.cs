namespace ClinicBooking.Bench;

/// <summary>
/// The yardstick: a plain Kestrel hello-world on the same machine, run beside the app, so the app's figures can be read
/// as a share of what this machine serves at all.
/// </summary>
public static class HelloServer
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/", () => "Hello");
        app.Urls.Add(options.Require("url"));
        await app.RunAsync();
        return 0;
    }
}
