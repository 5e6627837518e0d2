using System.Net;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain.Booking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicBooking.IntegrationTests.Kit;

/// <summary>Arranges what the practitioner workspace works on: patients with intakes and visits.</summary>
public static class PracticeKit
{
    /// <summary>A new confirmed patient, signed in, with a submitted intake of the given answers.</summary>
    public static async Task<(HttpClient Client, string Email)> PatientWithIntakeAsync(this ClinicAppFactory app, string prefix,
        Dictionary<string, string>? answers = null)
    {
        var email = (await app.CreatePatientsAsync(1, prefix)).Single();
        var client = app.CreateBrowserlikeClient();
        await client.SignInAsync(email);
        if (answers is not null)
        {
            await client.FillAllAsync(answers);
            var submitted = await client.SubmitIntakeAsync();
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }

        return (client, email);
    }

    public static DateOnly Today(this ClinicAppFactory app) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime, BookingKit.Zone));

    /// <summary>Books the first free follow-up with the practitioner on <paramref name="date"/> through POST /book.</summary>
    public static async Task<int> BookFirstFreeAsync(this HttpClient patient, int practitionerId, DateOnly date, int skip = 0)
    {
        var slot = (await patient.FreeAsync(BookingKit.FollowUp, practitionerId, date)).Skip(skip).First();
        var response = await patient.BookAsync(BookingKit.FollowUp, practitionerId, slot.Start);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A visit that has already started, written straight to the database: booking refuses the past, and the
    /// outcome of a visit can only be recorded once it has begun.
    /// </summary>
    public static async Task<int> PastVisitAsync(this ClinicAppFactory app, string patientEmail, int practitionerId, TimeSpan ago)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var patient = await db.Users.SingleAsync(u => u.Email == patientEmail);
        var service = await db.Services.SingleAsync(s => s.Id == BookingKit.FollowUp);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var appointment = new Appointment(patient.Id, practitionerId, service, now - ago, now - ago - TimeSpan.FromDays(7));
        db.Appointments.Add(appointment);
        await db.SaveChangesAsync();
        return appointment.Id;
    }

    /// <summary>A confirmed patient with a submitted intake, written through the intake service (no browser needed).</summary>
    public static async Task<string> SeedPatientWithIntakeAsync(this ClinicAppFactory app, string email, string name,
        IReadOnlyDictionary<string, string> answers)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, FullName = name };
        Assert.True((await users.CreateAsync(user, Accounts.DemoPassword)).Succeeded);
        await users.AddToRoleAsync(user, ClinicBooking.Web.Domain.Roles.Patient);
        var intake = scope.ServiceProvider.GetRequiredService<ClinicBooking.Web.Features.Intake.IntakeService>();
        foreach (var section in ClinicBooking.Web.Domain.Intake.IntakeForm.Sections)
        {
            await intake.SaveSectionAsync(user.Id, section.Key,
                section.Fields.Where(f => answers.ContainsKey(f.Key)).ToDictionary(f => f.Key, f => answers[f.Key]));
        }

        Assert.NotNull((await intake.SubmitAsync(user.Id)).Version);
        return user.Id;
    }

    /// <summary>A booked visit at an exact time, written straight to the database.</summary>
    public static async Task<int> VisitAtAsync(this ClinicAppFactory app, string patientId, int practitionerId, DateTime startUtc)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var service = await db.Services.SingleAsync(s => s.Id == BookingKit.FollowUp);
        var appointment = new Appointment(patientId, practitionerId, service, startUtc, startUtc.AddDays(-7));
        db.Appointments.Add(appointment);
        await db.SaveChangesAsync();
        return appointment.Id;
    }

    public static async Task<T> QueryAsync<T>(this ClinicAppFactory app, Func<ClinicDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ClinicDbContext>());
    }

    public static async Task<HttpClient> StaffAsync(this ClinicAppFactory app, string email)
    {
        var client = app.CreateBrowserlikeClient();
        await client.SignInAsync(email);
        return client;
    }
}
