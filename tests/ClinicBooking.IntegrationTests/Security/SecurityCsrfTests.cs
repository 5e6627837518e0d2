using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;

namespace ClinicBooking.IntegrationTests.Security;

/// <summary>
/// Every POST refuses a request without this session's antiforgery token, and no GET changes anything, for every
/// endpoint the host maps (so areas added later are covered without touching this file).
/// </summary>
public sealed class SecurityCsrfTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();
    private readonly Dictionary<string, HttpClient> _clients = new();

    private static readonly (string Name, string? Email)[] People =
    [
        ("anonymous", null), ("patient", "pat@clinic.test"), ("practitioner", "ana@clinic.test"), ("admin", "admin@clinic.test"),
    ];

    public async Task InitializeAsync()
    {
        foreach (var (name, email) in People)
        {
            var client = _app.CreateBrowserlikeClient();
            if (email is not null)
            {
                await client.SignInAsync(email);
            }

            _clients[name] = client;
        }
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private List<RouteEndpoint> PostEndpoints() => EndpointInventory.All(_app)
        .Where(e => !EndpointInventory.IsFallback(e) && EndpointInventory.Accepts(e, HttpMethods.Post) && !IgnoresTokens(e))
        .ToList();

    private static bool IgnoresTokens(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAntiforgeryPolicy>() is IgnoreAntiforgeryTokenAttribute;

    [Fact]
    public void Only_the_error_pages_take_posts_without_a_token()
    {
        // They are re-executed for failed POSTs (a refused token among them) and change nothing. (The JSON API also
        // ignores tokens, but answers GET only.)
        var optedOut = EndpointInventory.All(_app).Where(e => IgnoresTokens(e) && EndpointInventory.Accepts(e, HttpMethods.Post)).Select(e => e.RoutePattern.RawText?.TrimStart('/')).Order().ToList();
        Assert.Equal(["error", "error/{code:int}"], optedOut);
    }

    /// <summary>Hangfire's dashboard is one catch-all route: aim at one of its real commands.</summary>
    private static string PathFor(RouteEndpoint endpoint) =>
        EndpointInventory.IsHangfire(endpoint) ? "/hangfire/recurring/trigger" : EndpointInventory.Fill(endpoint.RoutePattern);

    private static bool RefusedBeforeTheAction(RouteEndpoint endpoint, HttpResponseMessage response)
    {
        var location = response.Headers.Location?.ToString() ?? "";
        return response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound
               // Hangfire checks the token itself and answers 403.
               || (EndpointInventory.IsHangfire(endpoint) && response.StatusCode == HttpStatusCode.Forbidden)
               || (response.StatusCode == HttpStatusCode.Redirect
                   && (location.Contains("/Identity/Account/Login", StringComparison.Ordinal)
                       || location.Contains("/Identity/Account/AccessDenied", StringComparison.Ordinal)));
    }

    private async Task AssertEveryPostRefusedAsync(string attack, Func<string, Task<string?>> tokenFor)
    {
        var endpoints = PostEndpoints();
        Assert.Contains(endpoints, e => e.RoutePattern.RawText?.Contains("Identity/Account/Login", StringComparison.Ordinal) == true);
        Assert.Contains(endpoints, e => e.RoutePattern.RawText?.TrimStart('/') == "book");
        var before = await DatabaseSnapshot.TakeAsync(_app);
        var report = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var path = PathFor(endpoint);
            var reachedTheTokenCheck = false;
            foreach (var (person, _) in People)
            {
                var fields = new Dictionary<string, string> { ["Start"] = "2030-01-07T09:00:00-05:00", ["ServiceId"] = "2", ["PractitionerId"] = "1" };
                if (await tokenFor(person) is { } token)
                {
                    fields["__RequestVerificationToken"] = token;
                }

                var response = await _clients[person].PostAsync(path, new FormUrlEncodedContent(fields));
                reachedTheTokenCheck |= response.StatusCode == HttpStatusCode.BadRequest
                                        || (EndpointInventory.IsHangfire(endpoint) && response.StatusCode == HttpStatusCode.Forbidden && person == "admin");
                if (!RefusedBeforeTheAction(endpoint, response))
                {
                    report.Add($"{attack}: POST {path} as {person} answered {(int)response.StatusCode} {response.Headers.Location}");
                }
            }

            // Every person being turned away by sign-in or a 404 would prove nothing about the token.
            if (!reachedTheTokenCheck)
            {
                report.Add($"{attack}: POST {path} never reached the token check ({EndpointInventory.Describe(endpoint)})");
            }
        }

        Assert.True(report.Count == 0, string.Join('\n', report));
        DatabaseSnapshot.AssertUnchanged(before, await DatabaseSnapshot.TakeAsync(_app), $"POSTs with {attack}");
    }

    [Fact]
    public Task Every_post_refuses_a_request_without_an_antiforgery_token() =>
        AssertEveryPostRefusedAsync("no token", _ => Task.FromResult<string?>(null));

    [Fact]
    public async Task Every_post_refuses_a_token_taken_from_another_session()
    {
        // The attacker's own, valid token: from their session on another browser (anonymous, or signed in as someone else).
        var attacker = _app.CreateBrowserlikeClient();
        var anonymousToken = (await attacker.GetDocumentAsync(Accounts.LoginUrl)).AntiforgeryToken();
        var other = _app.CreateBrowserlikeClient();
        await other.SignInAsync("ben@clinic.test");
        var signedInToken = (await other.GetDocumentAsync("/")).AntiforgeryToken();

        await AssertEveryPostRefusedAsync("another session's token", person =>
            Task.FromResult<string?>(person == "anonymous" ? signedInToken : anonymousToken));
    }

    [Fact]
    public async Task The_same_request_with_the_sessions_own_token_is_accepted()
    {
        // The control: the refusals above are the token's doing, not a broken form.
        var client = _clients["patient"];
        var day = BookingKit.FutureWeekday(_app);
        var slot = (await client.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day))[0];
        var response = await client.BookAsync(BookingKit.FollowUp, BookingKit.Ana, slot.Start);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task No_get_to_any_route_changes_the_database_for_any_role()
    {
        var paths = EndpointInventory.All(_app)
            .Where(e => !EndpointInventory.IsFallback(e) && EndpointInventory.Accepts(e, HttpMethods.Get))
            .Select(e => EndpointInventory.IsHangfire(e) ? "/hangfire" : EndpointInventory.Fill(e.RoutePattern))
            .Distinct()
            // The one exception, Identity's own: showing the set-up page stores the not-yet-confirmed authenticator
            // key (it must be kept to check the first code). Nothing is switched on until the POST with a code:
            // SecurityStaffTwoFactorTests checks that.
            .Where(p => p != "/Identity/Account/Manage/EnableAuthenticator")
            .ToList();
        Assert.Contains("/intake", paths);
        Assert.Contains("/appointments/1/cancel", paths);

        // pat has a visit, so the id routes have something real to show (and ids 1.. exist).
        var pat = _clients["patient"];
        var day = BookingKit.FutureWeekday(_app);
        var slot = (await pat.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day))[0];
        Assert.Equal(HttpStatusCode.Redirect, (await pat.BookAsync(BookingKit.FollowUp, BookingKit.Ana, slot.Start)).StatusCode);

        var before = await DatabaseSnapshot.TakeAsync(_app);
        foreach (var (person, _) in People)
        {
            foreach (var path in paths)
            {
                var response = await _clients[person].GetAsync(path);
                Assert.True((int)response.StatusCode < 500 || path.StartsWith("/error", StringComparison.Ordinal),
                    $"GET {path} as {person} answered {(int)response.StatusCode}");
            }
        }

        DatabaseSnapshot.AssertUnchanged(before, await DatabaseSnapshot.TakeAsync(_app), "GETs");
    }
}
