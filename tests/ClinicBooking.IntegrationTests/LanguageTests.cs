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
    public async Task A_visitor_switches_with_a_footer_link_returns_to_the_same_page_and_the_choice_is_remembered()
    {
        var client = _app.CreateBrowserlikeClient();
        var page = await client.GetDocumentAsync("/lactation-deficiency");
        var link = page.QuerySelector(".language-switch a[hreflang=es]")!;
        Assert.Equal("Español", link.TextContent.Trim());
        Assert.Equal("es", link.GetAttribute("lang"));
        Assert.Equal("/language?lang=es&returnUrl=%2Flactation-deficiency", link.GetAttribute("href"));

        var chosen = await client.GetAsync(link.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/lactation-deficiency", chosen.Headers.Location!.OriginalString);

        var after = await client.GetDocumentAsync("/lactation-deficiency");
        Assert.StartsWith("es", after.DocumentElement.GetAttribute("lang"));
        Assert.Equal("English", after.QuerySelector(".language-switch a[hreflang=en]")!.TextContent.Trim());
        Assert.Null(after.QuerySelector(".language-switch a[hreflang=es]"));

        // The cookie outranks the browser's own list.
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        Assert.StartsWith("es", (await client.GetDocumentAsync("/")).DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Public_pages_carry_no_antiforgery_token_stay_cacheable_and_tell_caches_they_vary_by_language()
    {
        var response = await _app.CreateBrowserlikeClient().GetAsync("/");
        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
        Assert.Contains("Accept-Language", response.Headers.Vary);
        Assert.Contains("Cookie", response.Headers.Vary);
        Assert.DoesNotContain("__RequestVerificationToken", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("fr", null)]
    [InlineData("", null)]
    [InlineData("es-MX<script>", null)]
    [InlineData("es", "https://evil.example/")]
    [InlineData("es", "//evil.example/")]
    public async Task A_language_we_do_not_offer_is_refused_and_an_outside_return_address_goes_home(string lang, string? returnUrl)
    {
        var url = $"/language?lang={Uri.EscapeDataString(lang)}" + (returnUrl is null ? "" : $"&returnUrl={Uri.EscapeDataString(returnUrl)}");
        var response = await _app.CreateBrowserlikeClient().GetAsync(url);
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
    public async Task Following_the_link_while_signed_in_changes_the_cookie_but_not_the_account()
    {
        var client = await _app.StaffAsync("pat@clinic.test");
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/language?lang=es")).StatusCode);
        Assert.Equal("en", (await UserAsync("pat@clinic.test")).PreferredLanguage);
    }

    [Fact]
    public void Sentences_built_in_English_translate_through_their_templates_and_stay_English_without_one()
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            ClinicBooking.Web.Infrastructure.Languages.Use("es");
            var text = ClinicBooking.Web.Infrastructure.TemplateText.For<ClinicBooking.Web.Features.Booking.TimeText>();
            Assert.Equal("hora de New York", text["New York time"]);
            Assert.Equal("12 horas", text["12 hours"]);
            Assert.Equal("Something we never wrote", text["Something we never wrote"]);
            // A resource with no Spanish file at all reads English instead of failing.
            Assert.Equal("A sentence", ClinicBooking.Web.Infrastructure.TemplateText.For<LanguageTests>()["A sentence"]);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
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

        // "mar" would be both Tuesday and March: Spanish days are written out.
        var tuesday = new DateOnly(2026, 3, 3);
        ClinicBooking.Web.Features.Booking.TimeFormat.Use(culture);
        Assert.Equal("martes 3 de mar", ClinicBooking.Web.Features.Booking.TimeFormat.Day(tuesday).Replace(".", ""));
        ClinicBooking.Web.Features.Booking.TimeFormat.Use(ClinicBooking.Web.Features.Booking.ClinicCulture.For("en-US"));
        Assert.Equal("Tue, Mar 3", ClinicBooking.Web.Features.Booking.TimeFormat.Day(tuesday));
        await Task.CompletedTask;
    }
}
