using System.Net.Http.Json;
using System.Text.Json;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicBooking.IntegrationTests.Kit;

public sealed record FreeSlot(int PractitionerId, string Start, string End);

public static class BookingKit
{
    public const int Initial = 1;
    public const int FollowUp = 2;
    public const int Ana = 1;
    public const int Ben = 2;

    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>A weekday at least a week ahead, in the clinic's zone.</summary>
    public static DateOnly FutureWeekday(ClinicAppFactory app, int daysAhead = 8)
    {
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime, Zone)).AddDays(daysAhead);
        while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            date = date.AddDays(1);
        }

        return date;
    }

    public static async Task<List<FreeSlot>> FreeAsync(this HttpClient client, int serviceId, int? practitionerId, DateOnly from, DateOnly? to = null)
    {
        var url = $"/api/availability?serviceId={serviceId}&from={from:yyyy-MM-dd}&to={(to ?? from):yyyy-MM-dd}"
                  + (practitionerId is null ? "" : $"&practitionerId={practitionerId}");
        using var json = JsonDocument.Parse(await client.GetStringAsync(url));
        return json.RootElement.GetProperty("slots").EnumerateArray()
            .Select(s => new FreeSlot(s.GetProperty("practitionerId").GetInt32(), s.GetProperty("start").GetString()!, s.GetProperty("end").GetString()!))
            .ToList();
    }

    public static async Task<HttpResponseMessage> BookAsync(this HttpClient client, int serviceId, int practitionerId, string start, string? token = null)
    {
        token ??= (await client.GetDocumentAsync("/appointments")).AntiforgeryToken();
        return await client.PostAsync("/book", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ServiceId"] = serviceId.ToString(), ["PractitionerId"] = practitionerId.ToString(), ["Start"] = start,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>Creates confirmed patient accounts directly (sign-up itself is tested elsewhere).</summary>
    public static async Task<List<string>> CreatePatientsAsync(this ClinicAppFactory app, int count, string prefix = "patient")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var emails = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var email = $"{prefix}{i}@example.com";
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, FullName = $"Patient {i}" };
            Assert.True((await users.CreateAsync(user, Accounts.DemoPassword)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Patient);
            emails.Add(email);
        }

        return emails;
    }
}
