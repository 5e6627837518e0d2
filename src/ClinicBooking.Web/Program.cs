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

var builder = WebApplication.CreateBuilder(args);

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

var app = builder.Build();

await app.InitialiseDatabaseAsync();
app.UseClinicNotifications();
app.UseClinicPipeline();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so WebApplicationFactory&lt;Program&gt; can start the app in tests.</summary>
public partial class Program;
