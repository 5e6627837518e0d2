using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicBooking.IntegrationTests;

/// <summary>
/// Issue 15: the patient pages in English or Spanish, chosen by the browser or by the footer's switch, and
/// remembered on the account for the emails sent later.
/// </summary>
public sealed class LanguageTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_browser_asking_for_Spanish_gets_Spanish_and_one_asking_for_nothing_gets_English()
    {
        var spanish = await _app.Client().GetDocumentAsync("/");
        Assert.Equal("es-US", spanish.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Saltar al contenido principal", spanish.Body!.TextContent);
        Assert.Contains("Poca producción de leche", spanish.QuerySelector("nav")!.TextContent);

        var english = await _app.CreateBrowserlikeClient().GetDocumentAsync("/");
        Assert.Equal("en-US", english.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Skip to main content", english.Body!.TextContent);

        var french = _app.CreateBrowserlikeClient();
        french.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR");
        Assert.Equal("en-US", (await french.GetDocumentAsync("/")).DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task The_footer_switch_changes_the_language_returns_to_the_same_page_and_is_remembered()
    {
        var client = _app.CreateBrowserlikeClient();
        var page = await client.GetDocumentAsync("/lactation-deficiency");
        var form = page.QuerySelector("form.language-switch")!;
        Assert.Equal("/language", form.GetAttribute("action"));
        Assert.Equal("Español", form.QuerySelector("button[value=es]")!.TextContent.Trim());
        Assert.Equal("es", form.QuerySelector("button[value=es]")!.GetAttribute("lang"));

        var chosen = await client.SubmitFormAsync("/lactation-deficiency", new Dictionary<string, string> { ["lang"] = "es" }, "form.language-switch");
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/lactation-deficiency", chosen.Headers.Location!.OriginalString);

        var after = await client.GetDocumentAsync("/lactation-deficiency");
        Assert.StartsWith("es", after.DocumentElement.GetAttribute("lang"));
        Assert.Equal("English", after.QuerySelector("form.language-switch button[value=en]")!.TextContent.Trim());
        Assert.Null(after.QuerySelector("form.language-switch button[value=es]"));

        // The cookie outranks the browser's own list.
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        Assert.StartsWith("es", (await client.GetDocumentAsync("/")).DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("fr", null)]
    [InlineData("", null)]
    [InlineData("es-MX<script>", null)]
    [InlineData("es", "https://evil.example/")]
    [InlineData("es", "//evil.example/")]
    public async Task A_language_we_do_not_offer_is_refused_and_an_outside_return_address_goes_home(string lang, string? returnUrl)
    {
        var client = _app.CreateBrowserlikeClient();
        var fields = new Dictionary<string, string> { ["lang"] = lang };
        if (returnUrl is not null)
        {
            fields["returnUrl"] = returnUrl;
        }

        var response = await client.SubmitFormAsync("/", fields, "form.language-switch");
        if (lang == "es")
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/", response.Headers.Location!.OriginalString);
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.Contains(".AspNetCore.Culture", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task The_switch_needs_the_pages_antiforgery_token()
    {
        var response = await _app.CreateBrowserlikeClient().PostAsync("/language", new FormUrlEncodedContent(new Dictionary<string, string> { ["lang"] = "es" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_patient_who_switches_has_the_language_kept_on_their_account_and_sign_up_in_Spanish_keeps_it_too()
    {
        var client = await _app.StaffAsync("pat@clinic.test");
        var switched = await client.SubmitFormAsync("/appointments", new Dictionary<string, string> { ["lang"] = "es" }, "form.language-switch");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("es", (await UserAsync("pat@clinic.test")).PreferredLanguage);

        var signUp = _app.Client();
        var registered = await signUp.PostRegisterAsync("Lucía Parent", "lucia@example.com", "Correct-Horse-42");
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal("es", (await UserAsync("lucia@example.com")).PreferredLanguage);
    }

    private async Task<ApplicationUser> UserAsync(string email)
    {
        using var scope = _app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email))!;
    }

    [Fact]
    public async Task Times_read_in_Spanish_in_the_clinics_own_shape()
    {
        using var scope = _app.Services.CreateScope();
        var culture = ClinicBooking.Web.Features.Booking.ClinicCulture.For("en-US").InLanguage("es");
        Assert.Equal("es-US", culture.Name);
        Assert.Equal(DayOfWeek.Sunday, culture.FirstDayOfWeek);
        var gb = ClinicBooking.Web.Features.Booking.ClinicCulture.For("en-GB").InLanguage("es");
        Assert.Equal(DayOfWeek.Monday, gb.FirstDayOfWeek);
        Assert.True(gb.IsMetric);
        await Task.CompletedTask;
    }
}
