using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicBooking.IntegrationTests;

/// <summary>Sign-up and sign-in answer bad input with a message next to the field, never a 500, and create nothing.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private static readonly string TenKilobytes = new('a', 10_240);

    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    public static TheoryData<string, string, string, string> SignUps => new()
    {
        // name, email, password, expected message
        { "", "", "", "Enter your name." },
        { "Ann", "", "a long enough phrase", "Enter your email address." },
        { "Ann", "not-an-address", "a long enough phrase", "Enter an email address like name@example.com." },
        { "Ann", "ann@example.com\r\nBcc: victim@example.com", "a long enough phrase", "hidden characters, line breaks" },
        { "Ann", TenKilobytes + "@example.com", "a long enough phrase", "at most 254 characters" },
        { TenKilobytes, "ann@example.com", "a long enough phrase", "at most 100 characters" },
        { "Ann", "ann@example.com", TenKilobytes, "at least 10 characters (at most 200)" },
        { "Ann\r\nEvil: header", "ann@example.com", "a long enough phrase", "hidden characters, line breaks" },
        { "Ann\u202Eevil", "ann@example.com", "a long enough phrase", "hidden characters, line breaks" },
        { "<script>alert(1)</script>", "ann@example.com", "a long enough phrase", "cannot contain line breaks, control characters or &lt; &gt;" },
    };

    [Theory]
    [MemberData(nameof(SignUps))]
    public async Task Bad_sign_up_input_gets_a_message_and_creates_no_account(string name, string email,
        string password, string message)
    {
        var usersBefore = await CountUsersAsync();
        var response = await _app.CreateBrowserlikeClient().PostRegisterAsync(name, email, password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, body);
        Assert.Equal(usersBefore, await CountUsersAsync());
        Assert.Empty(_app.Smtp.Messages);
    }

    [Fact]
    public async Task Signing_up_with_a_registered_address_reveals_nothing_and_tells_the_owner_by_email()
    {
        var usersBefore = await CountUsersAsync();
        var existing = await _app.CreateBrowserlikeClient().PostRegisterAsync("Pat Again", "pat@clinic.test", "a long enough phrase");
        var fresh = await _app.CreateBrowserlikeClient().PostRegisterAsync("New Person", "new@example.com", "a long enough phrase");

        Assert.Equal(HttpStatusCode.Redirect, existing.StatusCode);
        Assert.Equal(fresh.Headers.Location, existing.Headers.Location);
        Assert.DoesNotContain("email", existing.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
        var notice = await _app.Smtp.WaitForMessageToAsync("pat@clinic.test");
        Assert.Equal("Someone tried to create an account with your address", notice.Subject);
        Assert.Equal(usersBefore + 1, await CountUsersAsync());
    }

    public static TheoryData<string, string, string> SignIns => new()
    {
        { "", "", "Enter your email address." },
        { "pat@clinic.test", "", "Enter your password." },
        { "not-an-address", "whatever password", "Enter an email address like" },
        { "pat@clinic.test\r\nX: y", "whatever password", "hidden characters, line breaks" },
        { TenKilobytes + "@example.com", "whatever password", "at most 254 characters" },
        { "pat@clinic.test", TenKilobytes, "at most 200 characters" },
        { "'; DROP TABLE AspNetUsers; --@example.com", "whatever password", "Enter an email address like" },
    };

    [Theory]
    [MemberData(nameof(SignIns))]
    public async Task Bad_sign_in_input_gets_a_message_and_never_a_500(string email, string password, string message)
    {
        var response = await _app.CreateBrowserlikeClient().PostLoginAsync(email, password);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_password_for_an_unknown_address_gets_the_same_message_as_for_a_known_one()
    {
        var client = _app.CreateBrowserlikeClient();
        var unknown = await (await client.PostLoginAsync("nobody@example.com", "whatever password")).Content.ReadAsStringAsync();
        var known = await (await client.PostLoginAsync("ben@clinic.test", "whatever password")).Content.ReadAsStringAsync();
        const string message = "We could not sign you in with that email and password";
        Assert.Contains(message, unknown);
        Assert.Contains(message, known);
    }

    private async Task<int> CountUsersAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClinicDbContext>().Users.CountAsync();
    }
}
