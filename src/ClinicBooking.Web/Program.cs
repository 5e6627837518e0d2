using ClinicBooking.Web.Data;
using ClinicBooking.Web.Email;
using ClinicBooking.Web.Features.Admin;
using ClinicBooking.Web.Features.Booking;
using ClinicBooking.Web.Features.Intake;
using ClinicBooking.Web.Features.Notifications;
using ClinicBooking.Web.Features.Practice;
using ClinicBooking.Web.Infrastructure;

if (BackupCommand.IsRequested(args))
{
    return await BackupCommand.RunAsync(args);
}

// `dotnet run` (the launch profile) starts a developer's machine in Development, but only when the environment is not
// set: ASPNETCORE_ENVIRONMENT=Production dotnet run must give Production, never demo accounts and the mail viewer.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is null
                      && Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is null
                      && Environment.GetEnvironmentVariable("CLINIC_DEFAULT_ENVIRONMENT") is { Length: > 0 } fallback
        ? fallback
        : null,
});

builder.AddClinicData();
builder.AddClinicIdentity();
builder.AddClinicRateLimits();
builder.AddClinicEmail();
builder.AddClinicHangfire();
builder.AddClinicIntake();
builder.AddClinicBooking();
builder.AddClinicNotifications();
builder.AddClinicPractice();
builder.AddClinicAdmin();
builder.AddClinicWeb();
builder.AddClinicHealthChecks();
builder.AddClinicTelemetry();

var app = builder.Build();
// The first line of the log says which environment this is: a production start that came up as Development (demo
// accounts, the mail viewer) must be obvious at a glance.
app.Logger.LogInformation("ClinicBooking is starting in the {Environment} environment{Demo}.", app.Environment.EnvironmentName,
    app.Environment.IsDevelopment() ? " (demo data and the development mail viewer are on; never use this for patients)" : "");
if (!app.Environment.IsDevelopment() && string.IsNullOrEmpty(app.Configuration["DataProtection:CertificatePath"]))
{
    app.Logger.LogWarning("The Data Protection key ring is stored unencrypted: set DataProtection:CertificatePath (a .pfx) and " +
                          "DataProtection:CertificatePassword so a copy of the key folder alone cannot read patients' data (docs/operations.md).");
}

await app.InitialiseDatabaseAsync();
app.UseClinicNotifications();
app.UseClinicPipeline();
app.LogDemoAccountsWhenStarted();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so WebApplicationFactory&lt;Program&gt; can start the app in tests.</summary>
public partial class Program;
