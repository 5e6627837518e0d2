using System.Net;
using ClinicBooking.IntegrationTests.Kit;

namespace ClinicBooking.IntegrationTests;

public sealed class PublicPagesTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    private static readonly string[] ContributingFactors =
    [
        "Hormonal imbalances", "Irregular breastfeeding sessions", "Improper latch-on", "PCOS",
        "Thyroid disorders", "Diabetes", "High stress", "Inadequate fluid intake", "Poor nutrition",
        "Certain medications",
    ];

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/")]
    [InlineData("/lactation-deficiency")]
    [InlineData("/Identity/Account/Login")]
    [InlineData("/Identity/Account/Register")]
    public async Task Public_pages_answer_200_to_anonymous_visitors(string url)
    {
        var response = await _app.CreateBrowserlikeClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Home_page_explains_the_clinic_and_offers_a_first_consultation()
    {
        var document = await _app.CreateBrowserlikeClient().GetDocumentAsync("/");
        Assert.Contains("How a first visit goes", document.Body!.TextContent);
        var book = document.QuerySelectorAll("a").First(a => a.TextContent.Trim() == "Book a first consultation");
        Assert.Equal("/book", book.GetAttribute("href"));
        Assert.Contains(document.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/lactation-deficiency");
    }

    [Fact]
    public async Task Information_page_names_every_contributing_factor_research_and_urgent_help_and_links_to_booking()
    {
        var document = await _app.CreateBrowserlikeClient().GetDocumentAsync("/lactation-deficiency");
        var text = document.Body!.TextContent;
        foreach (var factor in ContributingFactors)
        {
            Assert.Contains(factor, text, StringComparison.OrdinalIgnoreCase);
        }

        var headings = document.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains("Understanding Lactation Deficiency", headings);
        Assert.Contains("Benefits of Acupuncture for Lactation Deficiency", headings);
        Assert.Contains("What the research says", headings);
        Assert.Contains("When to get help now", headings);
        Assert.Contains(document.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/book");
        Assert.Contains(document.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/intake");
        // Benefits are worded as possibilities, never promises (DOMAIN.md §4.3).
        Assert.DoesNotContain("Acupuncture can help", text);
        Assert.Contains("may help", text);
    }

    [Fact]
    public async Task Health_answers_Healthy_when_the_database_answers()
    {
        var response = await _app.CreateBrowserlikeClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_address_gets_a_friendly_404_page_with_a_reference()
    {
        var response = await _app.CreateBrowserlikeClient().GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("We could not find that page", body);
        Assert.Contains("Reference:", body);
    }

    [Fact]
    public async Task Pages_carry_security_headers_and_no_server_version()
    {
        var response = await _app.CreateBrowserlikeClient().GetAsync("/");
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.Contains("Referrer-Policy"));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task A_post_without_an_antiforgery_token_is_refused_with_400()
    {
        var response = await _app.CreateBrowserlikeClient().PostAsync(Accounts.LoginUrl,
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = "pat@clinic.test",
                ["Input.Password"] = Accounts.DemoPassword,
            }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Something in that request was not right", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Set-Cookie") &&
                     response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("ClinicBooking.Auth=", StringComparison.Ordinal)));
    }
}
