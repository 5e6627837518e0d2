using System.Net;
using AngleSharp.Html.Dom;
using ClinicBooking.IntegrationTests.Kit;

namespace ClinicBooking.IntegrationTests.Security;

/// <summary>
/// Issue 8 §7: a corpus of bad input against every form (each field in turn) and every JSON endpoint. Nothing
/// answers 5xx. What no field may hold (overlong values, control and bidi-override characters, line breaks outside
/// text areas, wrong types, a field sent twice, megabyte bodies) answers 4xx with a message and leaves the database
/// as it was. Script, HTML and SQL metacharacters are ordinary text in free-text fields: a field may keep them
/// (stored as typed, shown escaped) or refuse them, but never run them.
/// </summary>
public sealed class SecurityBadInputCorpusTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private enum Kind { Text, MultiLine, Number, Date, Time, Choice, Email, Password }

    private const string Script = "<script>alert('corpus')</script><b onmouseover=alert(1)>x</b>";
    private const string Sql = "x' OR '1'='1'; DROP TABLE \"Appointments\"; --";

    /// <summary>(label, value, may a free-text field accept it?)</summary>
    private static readonly (string Label, string Value, bool TextMayAccept)[] Corpus =
    [
        ("overlong", new string('x', 5000), false),
        ("script and HTML", Script, true),
        ("SQL metacharacters", Sql, true),
        ("NUL", "x\u0000y", false),
        ("bell control", "x\u0007y", false),
        ("bidi override", "Pat\u202Egnp.exe", false),
        ("bidi isolate", "Pat\u2067x", false),
        ("CRLF header injection", "x\r\nBcc: victim@example.com", false),
        ("wrong type", "twelve", true),
    ];

    private sealed record Target(string Who, HttpClient Client, string Page, string FormSelector, Dictionary<string, string>? Baseline = null);

    private async Task<List<Target>> TargetsAsync()
    {
        var today = _app.Today();
        var answers = IntakeKit.CalmAnswers(today);
        var patientId = await _app.SeedPatientWithIntakeAsync("corpus@example.com", "Cora Corpus", answers);
        var patient = await _app.StaffAsync("corpus@example.com");
        var future = await patient.BookFirstFreeAsync(BookingKit.Ana, BookingKit.FutureWeekday(_app));
        var past = await _app.VisitAtAsync(patientId, BookingKit.Ana, _app.Clock.GetUtcNow().UtcDateTime.AddHours(-1));
        var ana = await _app.StaffAsync("ana@clinic.test");
        var admin = await _app.StaffAsync("admin@clinic.test");
        var anonymous = _app.CreateBrowserlikeClient();
        var slot = (await anonymous.FreeAsync(BookingKit.FollowUp, BookingKit.Ben, BookingKit.FutureWeekday(_app, 9))).First();
        var day = BookingKit.FutureWeekday(_app, 20).ToString("yyyy-MM-dd");

        return
        [
            new("anonymous", anonymous, "/Identity/Account/Login", "form[method=post]",
                new() { ["Input.Email"] = "nobody@example.com", ["Input.Password"] = "a wrong password" }),
            new("anonymous", anonymous, "/Identity/Account/Register", "form[method=post]",
                new() { ["Input.FullName"] = "New Parent", ["Input.Email"] = "corpus-new@example.com", ["Input.Password"] = "short", ["Input.ConfirmPassword"] = "short" }),
            new("anonymous", anonymous, "/Identity/Account/ForgotPassword", "form[method=post]", new() { ["Input.Email"] = "nobody@example.com" }),
            new("anonymous", anonymous, "/Identity/Account/ResendEmailConfirmation", "form[method=post]", new() { ["Input.Email"] = "nobody@example.com" }),
            new("patient", patient, "/Identity/Account/Manage", "form#profile-form"),
            new("patient", patient, "/intake/about", "form[method=post]"),
            new("patient", patient, "/intake/baby", "form[method=post]"),
            new("patient", patient, "/intake/health", "form[method=post]"),
            new("patient", patient, "/intake/visit", "form[method=post]"),
            new("patient", patient, $"/book/confirm?serviceId={BookingKit.FollowUp}&practitionerId={BookingKit.Ben}&start={Uri.EscapeDataString(slot.Start)}",
                "form[action='/book']"),
            new("patient", patient, $"/appointments/{future}/reschedule?start={Uri.EscapeDataString(slot.Start)}", $"form[action='/appointments/{future}/reschedule']",
                new() { ["Start"] = "2001-01-01T09:00:00-05:00" }),
            new("practitioner", ana, $"/practitioner/appointments/{past}", $"form[action='/practitioner/appointments/{past}/outcome']",
                new() { ["Outcome.Attendance"] = "completed", ["Outcome.Confidence"] = "11" }),
            new("practitioner", ana, $"/practitioner/appointments/{past}", $"form[action='/practitioner/appointments/{past}/review']",
                new() { ["Version"] = "99" }),
            new("practitioner", ana, "/practitioner/availability", "form[action='/practitioner/availability']",
                new() { ["Monday"] = "17:00-09:00" }),
            new("practitioner", ana, "/practitioner/availability", "form[action='/practitioner/availability/time-off']",
                new() { ["NewTimeOff.StartDate"] = day, ["NewTimeOff.StartTime"] = "12:00", ["NewTimeOff.EndDate"] = day, ["NewTimeOff.EndTime"] = "09:00" }),
            new("admin", admin, "/admin/practitioners/new", "form[method=post]",
                new() { ["DisplayName"] = "Corpus Person", ["Email"] = "ana@clinic.test" }),
            new("admin", admin, "/admin/practitioners/1", "form[action='/admin/practitioners/1']", new() { ["DisplayName"] = "" }),
            new("admin", admin, "/admin/practitioners/1", "form[action='/admin/practitioners/1/hours']", new() { ["Monday"] = "17:00-09:00" }),
            new("admin", admin, "/admin/services/new", "form[method=post]",
                new() { ["Name"] = "Corpus service", ["DurationMinutes"] = "7", ["BufferMinutes"] = "0" }),
            new("admin", admin, "/admin/services/1", "form[action='/admin/services/1']", new() { ["DurationMinutes"] = "0" }),
            new("admin", admin, "/admin/settings", "form[method=post]", new() { ["TimeZone"] = "Mars/Olympus_Mons" }),
        ];
    }

    [Fact]
    public async Task Every_form_field_refuses_the_corpus_with_a_4xx_and_a_message_and_changes_nothing()
    {
        var report = new List<string>();
        var requests = 0;
        foreach (var target in await TargetsAsync())
        {
            var document = await target.Client.GetDocumentAsync(target.Page);
            var form = document.QuerySelector(target.FormSelector) as IHtmlFormElement
                       ?? throw new InvalidOperationException($"No {target.FormSelector} on {target.Page}");
            var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? target.Page : form.GetAttribute("action")!;
            var baseline = CurrentValues(form);
            foreach (var (key, value) in target.Baseline ?? [])
            {
                baseline.RemoveAll(p => p.Key == key);
                baseline.Add(new(key, value));
            }

            var fields = Fields(form);
            Assert.True(fields.Count > 0 || form.Elements.Length > 0, $"{target.Page}: no fields found");
            foreach (var (field, kind) in fields)
            {
                foreach (var (label, value, textMayAccept) in Corpus)
                {
                    var mayAccept = textMayAccept && kind is Kind.Text or Kind.MultiLine or Kind.Password;
                    var values = Replace(baseline, field, [value]);
                    report.AddRange(await SendAsync(target, action, values, $"{field} = {label}", mayAccept));
                    requests++;
                }

                if (kind is not Kind.Choice)
                {
                    var twice = Replace(baseline, field, [Value(baseline, field) ?? "a", "something else"]);
                    report.AddRange(await SendAsync(target, action, twice, $"{field} sent twice", mayAccept: false));
                    requests++;
                }
            }

            var first = fields.Keys.FirstOrDefault() ?? "padding";
            var huge = Replace(baseline, first, [new string('a', 2 * 1024 * 1024)]);
            report.AddRange(await SendAsync(target, action, huge, $"{first} = 2 MB", mayAccept: false));
            requests++;
        }

        Assert.True(requests > 400, $"only {requests} requests: the forms were not found");
        Assert.True(report.Count == 0, string.Join('\n', report));
    }

    private async Task<IEnumerable<string>> SendAsync(Target target, string action, List<KeyValuePair<string, string>> values, string what,
        bool mayAccept)
    {
        var before = await DatabaseSnapshot.TakeAsync(_app);
        var response = await target.Client.PostAsync(action, new FormUrlEncodedContent(values));
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var where = $"{target.Who} POST {action} with {what}";
        if (status >= 500)
        {
            return [$"{where}: {status}"];
        }

        if (status is >= 400 and < 500)
        {
            var problems = new List<string>();
            var html = Forms.Parse(body);
            if (html.QuerySelector(".field-error:not(:empty), .error-summary, .validation-summary-errors, [role=alert], h1") is null)
            {
                problems.Add($"{where}: {status} without a message");
            }

            var after = await DatabaseSnapshot.TakeAsync(_app);
            var changed = before.Keys.Where(t => before[t] != after.GetValueOrDefault(t)).ToList();
            if (changed.Count > 0)
            {
                problems.Add($"{where}: refused ({status}) but changed {string.Join(", ", changed)}");
            }

            return problems;
        }

        if (!mayAccept)
        {
            return [$"{where}: accepted ({status})"];
        }

        // Accepted text: it must come back escaped, never as markup.
        var page = await target.Client.GetStringAsync(target.Page);
        return page.Contains("<script>alert('corpus')", StringComparison.Ordinal) || page.Contains("<b onmouseover", StringComparison.Ordinal)
            ? [$"{where}: accepted and rendered as markup on {target.Page}"]
            : [];
    }

    private static Dictionary<string, Kind> Fields(IHtmlFormElement form)
    {
        var fields = new Dictionary<string, Kind>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || name is "__RequestVerificationToken" or "__Invariant" || fields.ContainsKey(name)
                || element.HasAttribute("disabled"))
            {
                continue;
            }

            Kind? kind = element switch
            {
                IHtmlTextAreaElement => Kind.MultiLine,
                IHtmlSelectElement => Kind.Choice,
                IHtmlInputElement input => input.Type switch
                {
                    "radio" or "checkbox" => Kind.Choice,
                    "number" => Kind.Number,
                    "date" => Kind.Date,
                    "time" => Kind.Time,
                    "email" => Kind.Email,
                    "password" => Kind.Password,
                    "text" or "tel" or "search" or "url" => Kind.Text,
                    // Hidden fields the page itself fills (a chosen time, a version): typed, not free text.
                    "hidden" => Kind.Number,
                    _ => null,
                },
                _ => null,
            };
            if (kind is { } k)
            {
                fields[name] = k;
            }
        }

        return fields;
    }

    private static List<KeyValuePair<string, string>> CurrentValues(IHtmlFormElement form)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements.Where(e => !e.HasAttribute("disabled")))
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "submit" or "button" }:
                    break;
                case IHtmlInputElement { Type: "radio" or "checkbox" } box when box.IsChecked && !string.IsNullOrEmpty(box.Name):
                    values.Add(new(box.Name!, box.Value));
                    break;
                case IHtmlInputElement { Type: not ("radio" or "checkbox") } input when !string.IsNullOrEmpty(input.Name):
                    values.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    values.Add(new(area.Name!, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    values.Add(new(select.Name!, select.Value ?? ""));
                    break;
            }
        }

        return values;
    }

    private static string? Value(List<KeyValuePair<string, string>> values, string key) =>
        values.FirstOrDefault(p => p.Key == key).Value;

    private static List<KeyValuePair<string, string>> Replace(List<KeyValuePair<string, string>> values, string key, string[] replacement) =>
        values.Where(p => p.Key != key).Concat(replacement.Select(v => new KeyValuePair<string, string>(key, v))).ToList();

    [Fact]
    public async Task The_json_endpoints_answer_the_corpus_with_a_400_and_a_reason()
    {
        var client = _app.CreateBrowserlikeClient();
        var from = BookingKit.FutureWeekday(_app).ToString("yyyy-MM-dd");
        var valid = new Dictionary<string, string> { ["serviceId"] = "1", ["practitionerId"] = "1", ["from"] = from, ["to"] = from };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/availability?{Query(valid)}")).StatusCode);
        var report = new List<string>();
        foreach (var parameter in valid.Keys)
        {
            foreach (var (label, value, _) in Corpus.Append(("2 MB", new string('9', 2 * 1024 * 1024), false)).Append(("negative", "-1", false)))
            {
                var query = Query(valid.Where(p => p.Key != parameter).Append(new(parameter, value)));
                var response = await client.GetAsync($"/api/availability?{query}");
                var body = await response.Content.ReadAsStringAsync();
                if (!(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestUriTooLong or (HttpStatusCode)431)
                    || (response.StatusCode == HttpStatusCode.BadRequest && !body.Contains("\"error\"", StringComparison.Ordinal)))
                {
                    report.Add($"{parameter} = {label}: {(int)response.StatusCode} {body[..Math.Min(200, body.Length)]}");
                }
            }

            var twice = await client.GetAsync($"/api/availability?{Query(valid)}&{parameter}={Uri.EscapeDataString(valid[parameter])}");
            if (twice.StatusCode != HttpStatusCode.BadRequest)
            {
                report.Add($"{parameter} twice: {(int)twice.StatusCode}");
            }
        }

        foreach (var url in new[] { "/api/services?x=%00", "/api/practitioners?x=%E2%80%AE" })
        {
            var response = await client.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                report.Add($"{url}: {(int)response.StatusCode}");
            }
        }

        Assert.True(report.Count == 0, string.Join('\n', report));
    }

    private static string Query(IEnumerable<KeyValuePair<string, string>> values) =>
        string.Join('&', values.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
}
