using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClinicBooking.IntegrationTests.Security;

/// <summary>Sign-in, sign-up, password reset and booking are limited per client address (PRODUCT.md §8).</summary>
public sealed class SecurityRateLimitTests
{
    private static ClinicAppFactory WithLimit(string limit, int permits) => new()
    {
        DefaultRateLimits = true,
        Settings = { [$"RateLimits:{limit}:PermitLimit"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    private static async Task AssertFriendly429Async(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.True(retryAfter > TimeSpan.Zero, "429 without a Retry-After");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Too many attempts", body);
        Assert.Contains("Please wait a minute, then try again.", body);
        Assert.Contains("Reference:", body);
    }

    [Fact]
    public async Task Sign_in_answers_429_with_a_friendly_page_once_the_configured_limit_is_used_but_the_form_still_shows()
    {
        await using var app = WithLimit("SignIn", 3);
        var client = app.CreateBrowserlikeClient();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostLoginAsync("nobody@example.com", "not the password")).StatusCode);
        }

        await client.SignInAsync("pat@clinic.test"); // the third attempt, still under the limit, works
        var other = app.CreateBrowserlikeClient(); // same address, fresh cookies: the limit is per address
        await AssertFriendly429Async(await other.PostLoginAsync("ana@clinic.test", Accounts.DemoPassword));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(Accounts.LoginUrl)).StatusCode);
    }

    [Fact]
    public async Task Sign_up_answers_429_after_the_configured_number_of_attempts()
    {
        await using var app = WithLimit("SignUp", 2);
        var client = app.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostRegisterAsync("One Person", "one@example.com", "a long enough phrase")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostRegisterAsync("Two Person", "two@example.com", "a long enough phrase")).StatusCode);
        await AssertFriendly429Async(await client.PostRegisterAsync("Three Person", "three@example.com", "a long enough phrase"));
        // Signing in is a separate budget.
        await client.SignInAsync("pat@clinic.test");
    }

    [Fact]
    public async Task Forgot_password_reset_password_and_resend_confirmation_share_one_limit()
    {
        await using var app = WithLimit("PasswordReset", 3);
        var client = app.CreateBrowserlikeClient();
        var email = new Dictionary<string, string> { ["Input.Email"] = "nobody@example.com" };
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync("/Identity/Account/ForgotPassword", email)).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.SubmitFormAsync("/Identity/Account/ResendEmailConfirmation", email)).StatusCode);
        var reset = new Dictionary<string, string>(email)
        {
            ["Input.Password"] = "a long enough phrase", ["Input.ConfirmPassword"] = "a long enough phrase",
        };
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.SubmitFormAsync("/Identity/Account/ResetPassword?code=YWJj", reset)).StatusCode);

        await AssertFriendly429Async(await client.SubmitFormAsync("/Identity/Account/ForgotPassword", email));
        await AssertFriendly429Async(await client.SubmitFormAsync("/Identity/Account/ResetPassword?code=YWJj", reset));
        await AssertFriendly429Async(await client.SubmitFormAsync("/Identity/Account/ResendEmailConfirmation", email));
    }

    [Fact]
    public async Task Booking_and_rescheduling_share_a_limit_and_answer_429_with_a_friendly_page()
    {
        await using var app = WithLimit("Booking", 2);
        var client = app.CreateBrowserlikeClient();
        await client.SignInAsync("pat@clinic.test");
        var day = BookingKit.FutureWeekday(app);
        var slots = await client.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day);
        var booked = await client.BookAsync(BookingKit.FollowUp, BookingKit.Ana, slots[0].Start);
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var id = booked.Headers.Location!.ToString().Split('/').Last();
        Assert.Equal(HttpStatusCode.Redirect, (await client.BookAsync(BookingKit.FollowUp, BookingKit.Ana, slots[^1].Start)).StatusCode);

        await AssertFriendly429Async(await client.BookAsync(BookingKit.FollowUp, BookingKit.Ben, slots[0].Start));
        var token = (await client.GetDocumentAsync("/appointments")).AntiforgeryToken();
        var reschedule = await client.PostAsync($"/appointments/{id}/reschedule", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Start"] = slots[3].Start, ["__RequestVerificationToken"] = token,
        }));
        await AssertFriendly429Async(reschedule);
        // Looking is never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/appointments/{id}/reschedule")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/book")).StatusCode);
    }

    [Fact]
    public async Task Without_configuration_the_documented_default_limits_apply()
    {
        await using var app = new ClinicAppFactory { DefaultRateLimits = true };
        var limits = app.Services.GetRequiredService<IOptions<RateLimitSettings>>().Value;
        Assert.Equal((10, 60), (limits.SignIn.PermitLimit, limits.SignIn.WindowSeconds));
        Assert.Equal((5, 600), (limits.SignUp.PermitLimit, limits.SignUp.WindowSeconds));
        Assert.Equal((5, 600), (limits.PasswordReset.PermitLimit, limits.PasswordReset.WindowSeconds));
        Assert.Equal((20, 600), (limits.Booking.PermitLimit, limits.Booking.WindowSeconds));

        var client = app.CreateBrowserlikeClient();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostLoginAsync($"nobody{i}@example.com", "not the password")).StatusCode);
        }

        await AssertFriendly429Async(await client.PostLoginAsync("pat@clinic.test", Accounts.DemoPassword));
    }

    [Fact]
    public async Task Each_client_address_has_its_own_budget_and_an_ipv6_network_shares_one()
    {
        await using var app = new AddressedAppFactory { DefaultRateLimits = true, Settings = { ["RateLimits:SignIn:PermitLimit"] = "2" } };
        HttpClient From(string address)
        {
            var client = app.CreateBrowserlikeClient();
            client.DefaultRequestHeaders.Add("X-Test-Client-Address", address);
            return client;
        }

        var first = From("203.0.113.7");
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await first.PostLoginAsync("nobody@example.com", "not the password")).StatusCode);
        }

        await AssertFriendly429Async(await first.PostLoginAsync("nobody@example.com", "not the password"));
        await From("198.51.100.20").SignInAsync("pat@clinic.test");

        var v6 = From("2001:db8:1:2::10");
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await v6.PostLoginAsync("nobody@example.com", "not the password")).StatusCode);
        }

        await AssertFriendly429Async(await From("2001:db8:1:2:ffff::99").PostLoginAsync("ana@clinic.test", Accounts.DemoPassword));
        await From("2001:db8:1:3::10").SignInAsync("ana@clinic.test");
    }

    [Theory]
    [InlineData(null, "unknown")]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    public void The_partition_is_the_address_or_its_ipv6_network(string? address, string key) =>
        Assert.Equal(key, RateLimitExtensions.PartitionKey(address is null ? null : IPAddress.Parse(address)));

    [Fact]
    public async Task A_limit_of_zero_stops_the_app_at_start_with_a_clear_message()
    {
        await using var app = WithLimit("Booking", 0);
        var error = Assert.ThrowsAny<Exception>(() => app.Services);
        Assert.Contains("RateLimits", error.ToString());
    }
}
