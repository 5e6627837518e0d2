using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ClinicBooking.IntegrationTests.Kit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;

namespace ClinicBooking.IntegrationTests;

/// <summary>
/// Issue 15: the staff pages stay in English (the clinic's working language), but every word on them is a resource
/// lookup, English being the key, so a clinic can add a language by adding resource files alone.
/// </summary>
public sealed class StaffTextTests
{
    private static readonly string[] StaffFolders = ["Practitioner", "Admin", "Urgent", "DevMail", "Desk", "CalendarFeed", "Waitlist"];

    [Fact]
    public void Every_word_of_the_staff_views_goes_through_the_localizer()
    {
        var root = BlackBoxApp.RepositoryRoot();
        var views = StaffFolders
            .SelectMany(folder => Directory.GetFiles(Path.Combine(root, "src", "ClinicBooking.Web", "Features", folder), "*.cshtml"))
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(views.Count >= 25, $"only {views.Count} staff views found under {root}");

        var left = views.SelectMany(view => RazorText.Unlocalized(File.ReadAllText(view))
            .Select(finding => $"{Path.GetRelativePath(root, view)}, {finding}")).ToList();
        Assert.True(left.Count == 0, $"{left.Count} pieces of staff text do not go through the localizer (wrap them in @L[\"…\"]):\n"
                                     + string.Join("\n", left));
    }

    private const string Sample = """
        @inject Microsoft.AspNetCore.Mvc.Localization.IViewLocalizer L
        @model SamplePage
        @{
            ViewData["Title"] = L.GetString("Sample page").Value;
            var state = Model.Done ? L.GetString("Finished") : L.GetString("Open");
            string Href(string view) => $"/sample?view={view}&date={Model.Date:yyyy-MM-dd}";
        }
        @* A comment in English is no text. *@
        <h1 class="page-title h2">@L["Sample page"]</h1>
        <nav aria-label="@L["Pages"]"><a href="@Href("week")" aria-current="@(Model.Week ? "page" : null)">@L["Week"]</a></nav>
        <p>@L["Visit on {0} with {1}", Model.When, Model.Name] · <span class="status-badge">@state</span></p>
        @if (Model.Items.Count == 0)
        {
            <p class="empty-note">@L["Nothing yet."]</p>
        }
        else
        {
            @foreach (var item in Model.Items) { <li data-key="@item.Key">@item.Name@(item.New ? $" ({L.GetString("new")})" : "")</li> }
        }
        <partial name="_Field" model='new AdminField("DisplayName", L.GetString("Name"), Model.Name) { Hint = L.GetString("As patients see it."), Type = "email" }' />
        <input type="submit" class="btn btn-primary" value="@L["Save"]" />
        <p>@L["Email: <a href=\"mailto:{0}\">{0}</a>", Model.Email] or name@example.com</p>
        <script>const words = "Not text for people";</script>
        """;

    [Fact]
    public void The_check_finds_words_left_out_of_the_localizer_and_passes_them_once_wrapped()
    {
        Assert.Empty(RazorText.Unlocalized(Sample));

        // The same view with one piece of each kind deliberately left in English, and a key built from a value.
        var unwrapped = Sample
            .Replace("""<h1 class="page-title h2">@L["Sample page"]</h1>""", """<h1 class="page-title h2">Sample page</h1>""", StringComparison.Ordinal)
            .Replace("""aria-label="@L["Pages"]" """.TrimEnd(), """aria-label="Pages of the sample" """.TrimEnd(), StringComparison.Ordinal)
            .Replace("""L.GetString("Finished")""", "\"Finished\"", StringComparison.Ordinal)
            .Replace("""$" ({L.GetString("new")})" """.TrimEnd(), """$" (new since {item.Date})" """.TrimEnd(), StringComparison.Ordinal)
            .Replace("""Hint = L.GetString("As patients see it.")""", """Hint = "As patients see it." """.TrimEnd(), StringComparison.Ordinal)
            .Replace("""value="@L["Save"]" """.TrimEnd(), """value="Save changes" """.TrimEnd(), StringComparison.Ordinal)
            .Replace("""@L["Week"]""", """@L[$"Week {Model.Number}"]""", StringComparison.Ordinal)
            .Replace("""<p class="empty-note">@L["Nothing yet."]</p>""", """<p class="empty-note">Nothing yet.</p>""", StringComparison.Ordinal)
            .Replace("""@L["Visit on {0} with {1}", Model.When, Model.Name]""", """Visit on @Model.When with @Model.Name""", StringComparison.Ordinal);
        Assert.NotEqual(Sample, unwrapped);

        var found = RazorText.Unlocalized(unwrapped).Select(f => f.ToString()).ToList();
        Assert.Equal(
        [
            "line 5, C# string: Finished",
            "line 9, text: Sample page",
            "line 10, <nav aria-label>: Pages of the sample",
            "line 10, C# string: Week {0}",
            "line 11, text: Visit on",
            "line 11, text: with",
            "line 14, text: Nothing yet.",
            "line 18, C# string: (new since {0})",
            "line 20, C# string: As patients see it.",
            "line 21, <input value>: Save changes",
        ], found);
    }
}

/// <summary>
/// The staff pages resolve their words through the localizer at run time: a host whose resources answer in a
/// pseudo-language (every value between ⟦ and ⟧) shows the markers on the views' words, in the controllers' and
/// services' messages and in the models' validation messages. (Words looked up outside dependency injection, such as
/// weekday names and times, are not marked by this host.)
/// </summary>
public sealed class StaffTextLookupTests : IAsyncLifetime
{
    private const string Open = "⟦", Close = "⟧";
    private readonly PseudoLanguageApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Every_word_of_a_staff_form_page_and_every_kind_of_message_comes_from_the_resources()
    {
        var admin = await _app.StaffAsync("admin@clinic.test");
        foreach (var url in new[] { "/admin/settings", "/admin/services/new", "/admin/practitioners/new" })
        {
            var page = await admin.GetDocumentAsync(url);
            Assert.StartsWith(Open, page.Title);
            var left = UnmarkedWords(page);
            Assert.True(left.Count == 0, $"{url} shows words that are not resource lookups: {string.Join(" | ", left)}");
        }

        // A service's message (SettingsAdmin), a model's data annotation (SettingsInput), then a controller's flash.
        var refused = await admin.SubmitFormAsync("/admin/settings", new Dictionary<string, string> { ["TimeZone"] = "Mars/Base", ["Name"] = "" },
            "main form[method=post]");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = Forms.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(Open + "That is not a time zone we can use. Use the IANA region/city name of the clinic's clocks, such as America/New_York or Europe/Berlin." + Close,
            errors.QuerySelector("#TimeZone_error")!.TextContent.Trim());
        Assert.Equal(Open + "Enter the clinic's name." + Close, errors.QuerySelector("#Name_error")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync("/admin/settings", new Dictionary<string, string>(), "main form[method=post]")).StatusCode);
        Assert.Equal(Open + "Settings saved. They apply from now on; reminders already queued keep their times." + Close,
            (await admin.GetDocumentAsync("/admin/settings")).QuerySelector("main .alert-success")!.TextContent.Trim());

        // The practitioner's pages: the view's words and attributes, the controller's messages with their arguments.
        var ben = await _app.StaffAsync("ben@clinic.test");
        var schedule = await ben.GetDocumentAsync("/practitioner");
        Assert.Equal(Open + "Schedule" + Close, schedule.QuerySelector("nav.schedule-nav")!.GetAttribute("aria-label"));
        Assert.Equal(Open + "Your schedule" + Close, schedule.QuerySelector("h1")!.TextContent);
        var hours = await ben.SubmitFormAsync("/practitioner/availability", new Dictionary<string, string> { ["Monday"] = "nine to five" },
            "form[action='/practitioner/availability']");
        Assert.Equal(HttpStatusCode.BadRequest, hours.StatusCode);
        var monday = Forms.Parse(await hours.Content.ReadAsStringAsync()).QuerySelector("#Monday_error")!.TextContent.Trim();
        Assert.StartsWith(Open + "Monday: ", monday);
        Assert.EndsWith(Close, monday);
        var timeOff = await ben.SubmitFormAsync("/practitioner/availability", new Dictionary<string, string>(),
            "form[action='/practitioner/availability/time-off']");
        var timeOffPage = Forms.Parse(await timeOff.Content.ReadAsStringAsync());
        Assert.Equal(Open + "Enter the first day of the time off." + Close,
            timeOffPage.QuerySelector("[data-valmsg-for='NewTimeOff.StartDate']")!.TextContent.Trim());
        Assert.Equal(Open + "Your hours and time off" + Close, timeOffPage.QuerySelector("main h1")!.TextContent);
        Assert.Equal(Open + "Patients to call now" + Close, (await ben.GetDocumentAsync("/practitioner/urgent")).QuerySelector("main h1")!.TextContent);
    }

    /// <summary>Words of three letters or more in the page's main content that no ⟦…⟧ lookup holds (the culture list's own names aside).</summary>
    private static List<string> UnmarkedWords(IHtmlDocument page)
    {
        var main = (IElement)page.QuerySelector("main")!.Clone();
        foreach (var data in main.QuerySelectorAll("select, script").ToList())
        {
            data.Remove();
        }

        var spoken = main.QuerySelectorAll("[aria-label]").Select(e => e.GetAttribute("aria-label"));
        var text = string.Join(" ", spoken.Prepend(main.TextContent));
        var previous = "";
        while (previous != text)
        {
            previous = text;
            text = Regex.Replace(text, $"{Open}[^{Open}{Close}]*{Close}", " ");
        }

        return Regex.Matches(text, "[A-Za-z]{3,}").Select(m => m.Value).Distinct().ToList();
    }

    /// <summary>The app with a resource factory that answers every lookup in a pseudo-language: the English value between ⟦ and ⟧.</summary>
    private sealed class PseudoLanguageApp : ClinicAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.AddSingleton<ResourceManagerStringLocalizerFactory>();
                services.Replace(ServiceDescriptor.Singleton<IStringLocalizerFactory>(sp =>
                    new PseudoFactory(sp.GetRequiredService<ResourceManagerStringLocalizerFactory>())));
            });
        }
    }

    private sealed class PseudoFactory(IStringLocalizerFactory inner) : IStringLocalizerFactory
    {
        public IStringLocalizer Create(Type resourceSource) => new PseudoLocalizer(inner.Create(resourceSource));
        public IStringLocalizer Create(string baseName, string location) => new PseudoLocalizer(inner.Create(baseName, location));
    }

    private sealed class PseudoLocalizer(IStringLocalizer inner) : IStringLocalizer
    {
        public LocalizedString this[string name] => Mark(inner[name]);

        public LocalizedString this[string name, params object[] arguments]
        {
            get
            {
                var format = Mark(inner[name]);
                return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound);
            }
        }

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

        private static LocalizedString Mark(LocalizedString found) =>
            new(found.Name, Open + found.Value + Close, found.ResourceNotFound, found.SearchedLocation);
    }
}
