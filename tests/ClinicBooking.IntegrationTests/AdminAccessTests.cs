using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicBooking.IntegrationTests;

/// <summary>Every /admin route, GET and POST, against every role that must not get in (PRODUCT.md §8).</summary>
public sealed class AdminAccessTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    public static readonly string[] GetRoutes =
    [
        "/admin", "/admin/practitioners", "/admin/practitioners/new", "/admin/practitioners/1", "/admin/practitioners/1/deactivate",
        "/admin/services", "/admin/services/new", "/admin/services/1", "/admin/settings", "/admin/audit", "/admin/outbox",
        "/admin/audit?actor=pat%40clinic.test&page=2", "/admin/outbox?status=Failed",
    ];

    public static readonly string[] PostRoutes =
    [
        "/admin/practitioners/new", "/admin/practitioners/1", "/admin/practitioners/1/hours", "/admin/practitioners/1/deactivate",
        "/admin/practitioners/1/reactivate", "/admin/services/new", "/admin/services/1", "/admin/services/1/retire",
        "/admin/services/1/reinstate", "/admin/settings", "/admin/outbox/1/retry",
    ];

    /// <summary>Form fields that would change something if the request got through.</summary>
    private static readonly Dictionary<string, string> Harmful = new()
    {
        ["DisplayName"] = "Mallory", ["Email"] = "mallory@example.com", ["Name"] = "Hacked", ["DurationMinutes"] = "60",
        ["BufferMinutes"] = "0", ["Monday"] = "", ["CancelAppointments"] = "true", ["Address"] = "x", ["Phone"] = "1",
        ["TimeZone"] = "Europe/Berlin", ["SlotStepMinutes"] = "30", ["MinimumNoticeHours"] = "1", ["BookingHorizonDays"] = "5",
        ["CancellationWindowHours"] = "1", ["ReminderOffsetsHours"] = "1", ["IntakeReminderHours"] = "1",
    };

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_for_every_admin_route()
    {
        var client = _app.CreateBrowserlikeClient();
        foreach (var url in GetRoutes)
        {
            AssertSignIn(await client.GetAsync(url), $"GET {url}");
        }

        foreach (var url in PostRoutes)
        {
            AssertSignIn(await client.PostAsync(url, new FormUrlEncodedContent(Harmful)), $"POST {url}");
        }

        await AssertNothingChangedAsync();
    }

    [Theory]
    [InlineData("pat@clinic.test")]
    [InlineData("ana@clinic.test")]
    public async Task Patients_and_practitioners_are_refused_every_admin_route_even_with_a_valid_form_token(string email)
    {
        var client = _app.CreateBrowserlikeClient();
        await client.SignInAsync(email);
        // A real antiforgery token for this user, so a refusal is the role check, not a missing token.
        var token = (await client.GetDocumentAsync("/Identity/Account/Manage")).AntiforgeryToken();
        foreach (var url in GetRoutes)
        {
            AssertRefused(await client.GetAsync(url), $"GET {url} as {email}");
        }

        foreach (var url in PostRoutes)
        {
            var fields = new Dictionary<string, string>(Harmful) { ["__RequestVerificationToken"] = token };
            AssertRefused(await client.PostAsync(url, new FormUrlEncodedContent(fields)), $"POST {url} as {email}");
        }

        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task The_admin_opens_every_admin_page()
    {
        var client = _app.CreateBrowserlikeClient();
        await client.SignInAsync("admin@clinic.test");
        foreach (var url in GetRoutes)
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
            var page = Forms.Parse(await response.Content.ReadAsStringAsync());
            Assert.NotNull(page.QuerySelector("a[href='/hangfire']"));
        }
    }

    [Theory]
    [InlineData("GET", "/admin/practitioners/999")]
    [InlineData("GET", "/admin/practitioners/999/deactivate")]
    [InlineData("GET", "/admin/services/999")]
    [InlineData("GET", "/admin/practitioners/abc")]
    [InlineData("POST", "/admin/practitioners/999")]
    [InlineData("POST", "/admin/practitioners/999/hours")]
    [InlineData("POST", "/admin/practitioners/999/deactivate")]
    [InlineData("POST", "/admin/services/999")]
    [InlineData("POST", "/admin/services/999/retire")]
    [InlineData("POST", "/admin/outbox/999/retry")]
    public async Task Unknown_ids_answer_404_for_the_admin(string method, string url)
    {
        var client = _app.CreateBrowserlikeClient();
        await client.SignInAsync("admin@clinic.test");
        var token = (await client.GetDocumentAsync("/admin/settings")).AntiforgeryToken();
        var response = method == "GET"
            ? await client.GetAsync(url)
            : await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(Harmful) { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_admin_form_posted_without_its_token_is_refused_and_changes_nothing()
    {
        var client = _app.CreateBrowserlikeClient();
        await client.SignInAsync("admin@clinic.test");
        foreach (var url in PostRoutes)
        {
            var response = await client.PostAsync(url, new FormUrlEncodedContent(Harmful));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {url} without a token answered {(int)response.StatusCode}");
        }

        await AssertNothingChangedAsync();
    }

    private static void AssertSignIn(HttpResponseMessage response, string what)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{what} answered {(int)response.StatusCode}");
        Assert.StartsWith("http://localhost/Identity/Account/Login", response.Headers.Location!.ToString());
    }

    private static void AssertRefused(HttpResponseMessage response, string what)
    {
        // Signed in without the Admin role: the same 404 as an unknown address.
        Assert.True(response.StatusCode is HttpStatusCode.NotFound, $"{what} answered {(int)response.StatusCode}");
    }

    private async Task AssertNothingChangedAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        Assert.Equal(2, await db.Practitioners.CountAsync(p => p.IsActive));
        Assert.DoesNotContain(await db.Practitioners.Select(p => p.DisplayName).ToListAsync(), n => n == "Mallory");
        Assert.Equal(2, await db.Services.CountAsync(s => s.IsActive));
        Assert.False(await db.Services.AnyAsync(s => s.Name == "Hacked"));
        Assert.False(await db.Users.AnyAsync(u => u.Email == "mallory@example.com"));
        var settings = await db.ClinicSettings.SingleAsync();
        Assert.Equal(("America/New_York", 15), (settings.TimeZone, settings.SlotStepMinutes));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action.StartsWith("admin.") || a.Action == "outbox.retry"));
    }
}
