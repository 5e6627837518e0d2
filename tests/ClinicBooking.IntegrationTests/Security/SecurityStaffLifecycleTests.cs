using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicBooking.IntegrationTests.Security;

/// <summary>Issue 13.1: a deactivated practitioner, or one whose role is removed, loses access at once.</summary>
public sealed class SecurityStaffLifecycleTests
{
    private static void AssertSentToSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Identity/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Deactivation_ends_every_session_at_once_refuses_sign_in_even_after_a_reset_and_reactivation_restores_access()
    {
        await using var app = new ClinicAppFactory();
        var patientId = await app.SeedPatientWithIntakeAsync("rel@example.com", "Rel Patient", IntakeKit.CalmAnswers(app.Today()));
        var visit = await app.VisitAtAsync(patientId, BookingKit.Ben, app.Clock.GetUtcNow().UtcDateTime.AddDays(-1));
        var ben = app.CreateBrowserlikeClient();
        var cookie = CookieReplay.AuthCookie(await ben.PostLoginAsync("ben@clinic.test", Accounts.DemoPassword));
        Assert.Equal(HttpStatusCode.OK, (await CookieReplay.ReplayAsync(app, cookie, $"/practitioner/appointments/{visit}")).StatusCode);

        var admin = await app.StaffAsync("admin@clinic.test");
        var done = await admin.SubmitFormAsync("/admin/practitioners/2/deactivate", new Dictionary<string, string> { ["CancelAppointments"] = "true" }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/admin/practitioners", done.Headers.Location!.OriginalString);

        // No waiting for a five-minute check: the very next request is sent to sign in, and so is a POST.
        AssertSentToSignIn(await CookieReplay.ReplayAsync(app, cookie, $"/practitioner/appointments/{visit}"));
        AssertSentToSignIn(await ben.GetAsync("/practitioner"));
        var again = app.CreateBrowserlikeClient();
        var refused = await again.PostLoginAsync("ben@clinic.test", Accounts.DemoPassword);
        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);

        // A password reset (a valid token) does not reopen the account.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByEmailAsync("ben@clinic.test");
            var token = await users.GeneratePasswordResetTokenAsync(user!);
            Assert.True((await users.ResetPasswordAsync(user!, token, "a brand new passphrase")).Succeeded);
        }

        Assert.NotEqual(HttpStatusCode.Redirect, (await app.CreateBrowserlikeClient().PostLoginAsync("ben@clinic.test", "a brand new passphrase")).StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.PractitionerDeactivate)));

        var reactivated = await admin.SubmitFormAsync("/admin/practitioners/2", new Dictionary<string, string>(), "form[action='/admin/practitioners/2/reactivate']");
        Assert.Equal(HttpStatusCode.Redirect, reactivated.StatusCode);
        Assert.Equal("/admin/practitioners/2", reactivated.Headers.Location!.OriginalString);
        var back = app.CreateBrowserlikeClient();
        await back.SignInAsync("ben@clinic.test", "a brand new passphrase");
        Assert.Equal(HttpStatusCode.OK, (await back.GetAsync("/practitioner")).StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.PractitionerReactivate)));
    }

    [Fact]
    public async Task A_removed_role_ends_the_staff_session_on_the_next_request()
    {
        await using var app = new ClinicAppFactory();
        var ana = await app.StaffAsync("ana@clinic.test");
        Assert.Equal(HttpStatusCode.OK, (await ana.GetAsync("/practitioner")).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByEmailAsync("ana@clinic.test");
            Assert.True((await users.RemoveFromRoleAsync(user!, Roles.Practitioner)).Succeeded);
        }

        AssertSentToSignIn(await ana.GetAsync("/practitioner"));
    }
}
