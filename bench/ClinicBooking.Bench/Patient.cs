using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace ClinicBooking.Bench;

public sealed record FreeSlot(int PractitionerId, string Start);

/// <summary>What POST /book answered (with the page's heading, when it shows one), and how long it took.</summary>
public sealed record BookAnswer(HttpStatusCode Status, string? Location, bool SaysTaken, string? Heading, double Milliseconds);

/// <summary>One signed-in patient with their own cookies and connection, booking the way the pages do.</summary>
public sealed partial class Patient(string email, HttpClient http) : IDisposable
{
    public string Email { get; } = email;

    public static async Task<Patient> SignInAsync(Uri baseUrl, string email, string password)
    {
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var token = Token(await http.GetStringAsync("/Identity/Account/Login"));
        using var response = await http.PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.RememberMe"] = "false",
            ["__RequestVerificationToken"] = token,
        }));
        // A refused sign-in shows the form again (200); only a redirect means the cookie was issued.
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in {email} answered {(int)response.StatusCode}, not a redirect.");
        }

        return new Patient(email, http);
    }

    /// <summary>
    /// Every free start for the service, from today over the whole booking horizon (the API allows 62 days), of any
    /// practitioner or of the ones named.
    /// </summary>
    public async Task<List<FreeSlot>> FreeSlotsAsync(int serviceId, IReadOnlyCollection<int>? practitionerIds = null)
    {
        var from = DateOnly.FromDateTime(DateTime.UtcNow);
        var range = string.Create(CultureInfo.InvariantCulture,
            $"/api/availability?serviceId={serviceId}&from={from:yyyy-MM-dd}&to={from.AddDays(61):yyyy-MM-dd}");
        var urls = practitionerIds is null
            ? [range]
            : practitionerIds.Select(id => string.Create(CultureInfo.InvariantCulture, $"{range}&practitionerId={id}")).ToList();
        var slots = new List<FreeSlot>();
        foreach (var url in urls)
        {
            var answer = await http.GetFromJsonAsync<Availability>(url) ?? throw new InvalidOperationException($"{url} answered nothing.");
            slots.AddRange(answer.Slots.Select(s => new FreeSlot(s.PractitionerId, s.Start)));
        }

        return slots;
    }

    /// <summary>The confirm page for a time, as a patient opens it before pressing Book; returns the form's token, or null if not 200.</summary>
    public async Task<(string? Token, double Milliseconds)> OpenConfirmAsync(int serviceId, FreeSlot slot)
    {
        var started = TimeProvider.System.GetTimestamp();
        using var response = await http.GetAsync(string.Create(CultureInfo.InvariantCulture,
            $"/book/confirm?serviceId={serviceId}&practitionerId={slot.PractitionerId}&start={Uri.EscapeDataString(slot.Start)}"));
        var body = await response.Content.ReadAsStringAsync();
        var elapsed = TimeProvider.System.GetElapsedTime(started).TotalMilliseconds;
        return (response.StatusCode == HttpStatusCode.OK ? Token(body) : null, elapsed);
    }

    public async Task<BookAnswer> BookAsync(int serviceId, FreeSlot slot, string token)
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ServiceId"] = serviceId.ToString(CultureInfo.InvariantCulture),
            ["PractitionerId"] = slot.PractitionerId.ToString(CultureInfo.InvariantCulture),
            ["Start"] = slot.Start,
            ["__RequestVerificationToken"] = token,
        });
        var started = TimeProvider.System.GetTimestamp();
        using var response = await http.PostAsync("/book", form);
        var body = await response.Content.ReadAsStringAsync();
        var elapsed = TimeProvider.System.GetElapsedTime(started).TotalMilliseconds;
        return new BookAnswer(response.StatusCode, response.Headers.Location?.OriginalString,
            body.Contains("That time was just taken", StringComparison.Ordinal),
            Heading().Match(body) is { Success: true } h ? WebUtility.HtmlDecode(h.Groups[1].Value).Trim() : null, elapsed);
    }

    public void Dispose() => http.Dispose();

    private static string Token(string html) =>
        AntiforgeryToken().Match(html) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("The page has no antiforgery token.");

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<h1[^>]*>(.*?)</h1>", RegexOptions.Singleline)]
    private static partial Regex Heading();

    private sealed record Availability(List<AvailabilitySlot> Slots);

    private sealed record AvailabilitySlot(int PractitionerId, string Start);
}
