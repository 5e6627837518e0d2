using System.Net;
using AngleSharp.Dom;
using ClinicBooking.IntegrationTests.Kit;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ClinicBooking.IntegrationTests.Security;

/// <summary>Security headers on every response and safe cookies, crawling every parameterless page route.</summary>
public sealed class SecurityHeadersTests
{
    private sealed record Crawl(List<(string Path, HttpResponseMessage Response, string Body)> Pages, List<string> Cookies);

    private static async Task<Crawl> CrawlAsync(ClinicAppFactory app, HttpClient client, List<string> cookies)
    {
        var pages = new List<(string, HttpResponseMessage, string)>();
        foreach (var path in EndpointInventory.ParameterlessGetPaths(app))
        {
            var response = await client.GetAsync(path);
            Assert.True((int)response.StatusCode < 500 || path == "/error", $"GET {path} answered {(int)response.StatusCode}");
            pages.Add((path, response, await response.Content.ReadAsStringAsync()));
            cookies.AddRange(response.Headers.TryGetValues("Set-Cookie", out var set) ? set : []);
        }

        Assert.True(pages.Any(p => p.Item1 == "/intake"), string.Join(" ", pages.Select(p => p.Item1)));
        Assert.Contains(pages, p => p.Item1 == "/Identity/Account/Login");
        return new Crawl(pages, cookies);
    }

    private static async Task<HttpClient> PatientAsync(ClinicAppFactory app, Uri baseAddress, List<string> cookies)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = baseAddress });
        var emails = await app.CreatePatientsAsync(1, "headers");
        var response = await client.PostLoginAsync(emails[0], Accounts.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        cookies.AddRange(response.Headers.GetValues("Set-Cookie"));
        return client;
    }

    private static void AssertHeaders(Crawl crawl, bool signedIn, bool hsts)
    {
        foreach (var (path, response, body) in crawl.Pages)
        {
            var headers = response.Headers;
            Assert.Equal("nosniff", Assert.Single(headers.GetValues("X-Content-Type-Options")));
            Assert.True(headers.Contains("Referrer-Policy"), $"{path}: no Referrer-Policy");
            Assert.False(headers.Contains("Server") || headers.Contains("X-Powered-By"), $"{path}: names the server");
            Assert.Equal(hsts, headers.Contains("Strict-Transport-Security"));
            if (signedIn)
            {
                Assert.True(headers.CacheControl?.NoStore == true, $"{path}: a signed-in response without no-store");
            }

            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var csp = Assert.Single(headers.GetValues("Content-Security-Policy"));
            var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .ToDictionary(d => d.Split(' ')[0], d => d);
            var script = directives.GetValueOrDefault("script-src") ?? directives["default-src"];
            Assert.DoesNotContain("'unsafe-inline'", script);
            Assert.DoesNotContain("'unsafe-eval'", script);
            Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);

            // The policy is only half the proof: the page itself must not need inline script.
            var document = Forms.Parse(body);
            Assert.All(document.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src"), $"{path}: inline <script>"));
            Assert.DoesNotContain(document.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.Ordinal));
            Assert.DoesNotContain(document.All.Where(e => e.HasAttribute("href")), e => e.GetAttribute("href")!.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        }
    }

    private static void AssertCookies(List<string> cookies, bool secure)
    {
        Assert.Contains(cookies, c => c.StartsWith("ClinicBooking.Auth=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("ClinicBooking.Antiforgery=", StringComparison.Ordinal));
        foreach (var cookie in cookies)
        {
            var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
            Assert.Contains("httponly", attributes);
            Assert.Contains(attributes, a => a is "samesite=lax" or "samesite=strict");
            Assert.Equal(secure, attributes.Contains("secure"));
        }
    }

    [Fact]
    public async Task In_development_every_page_has_the_security_headers_but_no_hsts_and_cookies_are_http_only_and_same_site()
    {
        await using var app = new ClinicAppFactory();
        var cookies = new List<string>();
        var anonymous = await CrawlAsync(app, app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), cookies);
        AssertHeaders(anonymous, signedIn: false, hsts: false);

        var patient = await PatientAsync(app, new Uri("http://localhost"), cookies);
        AssertHeaders(await CrawlAsync(app, patient, cookies), signedIn: true, hsts: false);
        AssertCookies(cookies, secure: false);
    }

    [Fact]
    public async Task In_production_over_https_every_page_adds_hsts_and_every_cookie_is_secure()
    {
        // HSTS is never sent to localhost, so the clinic is reached by a real-looking name (its public address: only
        // that host is served in production).
        await using var app = new ClinicAppFactory { EnvironmentName = "Production", Settings = { ["App:PublicUrl"] = "https://booking.clinic.example" } };
        var address = new Uri("https://booking.clinic.example");
        var cookies = new List<string>();
        var anonymous = await CrawlAsync(app, app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = address }), cookies);
        AssertHeaders(anonymous, signedIn: false, hsts: true);

        var patient = await PatientAsync(app, address, cookies);
        AssertHeaders(await CrawlAsync(app, patient, cookies), signedIn: true, hsts: true);
        AssertCookies(cookies, secure: true);
    }

    [Fact]
    public async Task Anonymous_public_pages_may_be_cached_but_a_signed_in_patient_page_may_not()
    {
        await using var app = new ClinicAppFactory();
        var anonymous = await app.CreateBrowserlikeClient().GetAsync("/lactation-deficiency");
        Assert.NotEqual(true, anonymous.Headers.CacheControl?.NoStore);

        var client = app.CreateBrowserlikeClient();
        await client.SignInAsync("pat@clinic.test");
        foreach (var path in new[] { "/", "/lactation-deficiency", "/appointments", "/intake", "/api/services" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.Headers.CacheControl?.NoStore == true, path);
        }
    }
}
