using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Domain.Intake;
using ClinicBooking.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicBooking.IntegrationTests;

/// <summary>
/// Issue 15: the home page and the information page in Spanish, saying what the English pages say (the same
/// sections, links and numbers, the same urgent advice for the intake's tiers, the same caution about evidence),
/// with no English left. The English pages' own checks are PublicPagesTests and HomePageAdviceTests.
/// The information page has no reference list (no paper titles), so nothing on it is excused from the check.
/// </summary>
public sealed partial class SpanishInformationTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    // The contributing factors of PublicPagesTests, in the Spanish page's words.
    private static readonly string[] ContributingFactors =
    [
        "Desequilibrios hormonales", "Tomas irregulares", "Agarre incorrecto", "Síndrome de ovario poliquístico (SOP)",
        "Trastornos de la tiroides", "Diabetes", "Estrés alto", "Poca ingesta de líquidos", "Mala alimentación",
        "Ciertos medicamentos",
    ];

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<IHtmlDocument> SpanishAsync(string url) => _app.Client().GetDocumentAsync(url);
    private Task<IHtmlDocument> EnglishAsync(string url) => _app.CreateBrowserlikeClient().GetDocumentAsync(url);

    private static string Normalise(string text) => Space().Replace(text, " ").Trim();

    private static IHtmlElement Article(IHtmlDocument document) => (IHtmlElement)document.QuerySelector("article.prose")!;

    [Fact]
    public async Task A_browser_asking_for_Spanish_gets_the_Spanish_page_and_one_asking_for_nothing_the_English_one()
    {
        var spanish = await SpanishAsync("/lactation-deficiency");
        Assert.Equal("es-US", spanish.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Deficiencia de lactancia", spanish.QuerySelector("article h1")!.TextContent.Trim());

        var english = await EnglishAsync("/lactation-deficiency");
        Assert.Equal("en-US", english.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Lactation Deficiency", english.QuerySelector("article h1")!.TextContent.Trim());
        Assert.StartsWith("Low milk supply (lactation deficiency) · ", english.Title);
        Assert.Contains("When to get help now", english.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public async Task The_Spanish_page_has_the_English_pages_headings_anchors_tiers_and_links()
    {
        var spanish = Article(await SpanishAsync("/lactation-deficiency"));
        var english = Article(await EnglishAsync("/lactation-deficiency"));

        // Same headings at the same levels, each with the English heading's id (the home page links to one).
        static List<string> Headings(IHtmlElement article) =>
            article.QuerySelectorAll("h1, h2, h3, h4, h5, h6").Select(h => $"{h.LocalName}#{h.Id}").ToList();
        Assert.Equal(7, Headings(english).Count);
        Assert.Equal(Headings(english), Headings(spanish));
        Assert.Contains("h2#when-to-get-help-now", Headings(spanish));

        // Same tier headings and as many signs under each.
        static List<int> Tiers(IHtmlElement article) =>
            article.QuerySelectorAll("p > strong:only-child").Select(s => s.ParentElement!.NextElementSibling!.QuerySelectorAll("li").Length).ToList();
        Assert.Equal(5, Tiers(english).Count);
        Assert.Equal(Tiers(english), Tiers(spanish));

        static List<string> Links(IHtmlElement article) => article.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(["/book", "/intake", "/book"], Links(english));
        Assert.Equal(Links(english), Links(spanish));
    }

    [Fact]
    public async Task Every_number_the_English_page_states_the_Spanish_page_states_in_the_same_section()
    {
        var spanish = Article(await SpanishAsync("/lactation-deficiency"));
        var english = Article(await EnglishAsync("/lactation-deficiency"));

        // The numbers with their units ("38 °C", "100.4 °F", "10%"), section by section (an h2 and what follows it).
        static List<List<string>> Numbers(IHtmlElement article)
        {
            var sections = new List<List<string>> { new() };
            foreach (var element in article.Children)
            {
                if (element.LocalName == "h2")
                {
                    sections.Add([]);
                }

                sections[^1].AddRange(Number().Matches(element.TextContent).Select(m => Space().Replace(m.Value, " ")));
            }

            return sections.Select(s => s.Order(StringComparer.Ordinal).ToList()).ToList();
        }

        var stated = Numbers(english);
        Assert.Contains("38 °C", stated.SelectMany(s => s));
        Assert.Contains("100.4 °F", stated.SelectMany(s => s));
        Assert.Contains("10%", stated.SelectMany(s => s));
        Assert.Contains("75", stated.SelectMany(s => s));
        Assert.Equal(stated, Numbers(spanish));
    }

    [Fact]
    public async Task The_Spanish_page_names_every_contributing_factor_keeps_the_cautious_evidence_and_links_to_booking()
    {
        var document = await SpanishAsync("/lactation-deficiency");
        var text = Normalise(document.Body!.TextContent);
        foreach (var factor in ContributingFactors)
        {
            Assert.Contains(factor, text);
        }

        var factors = document.QuerySelector("h2#understanding-lactation-deficiency ~ ul")!.QuerySelectorAll("li > strong").Select(s => s.TextContent).ToList();
        Assert.Equal(ContributingFactors.Order(), factors.Order());

        var headings = document.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains("Qué es la deficiencia de lactancia", headings);
        Assert.Contains("Beneficios de la acupuntura para la deficiencia de lactancia", headings);
        Assert.Contains("Lo que dice la investigación", headings);
        Assert.Contains("Cuándo pedir ayuda ya", headings);
        Assert.Contains(document.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/book" && a.TextContent == "Reservar una primera consulta");
        Assert.Contains(document.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/intake");

        // Possibilities, never promises (DOMAIN.md §4.3), as in English.
        Assert.Contains("podría ayudar", text);
        Assert.DoesNotContain("La acupuntura puede ayudar", text);
        Assert.Contains("es limitada", text);
        Assert.Contains("es baja", text);
        Assert.Contains("No se pueden garantizar resultados", text);
        Assert.Contains("complementa, y nunca sustituye", text);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/lactation-deficiency")]
    public async Task Neither_page_has_English_left_for_a_Spanish_reader(string url)
    {
        Spanish.AssertNoEnglish(await SpanishAsync(url), url);
    }

    [Fact]
    public async Task The_English_pages_still_read_in_English()
    {
        Assert.NotEmpty(Spanish.EnglishLeftIn(await EnglishAsync("/")));
        Assert.NotEmpty(Spanish.EnglishLeftIn(await EnglishAsync("/lactation-deficiency")));
    }

    [Fact]
    public async Task The_Spanish_home_page_offers_a_first_consultation_and_the_information_page()
    {
        var document = await SpanishAsync("/");
        Assert.Contains("Cómo es la primera visita", document.Body!.TextContent);
        var book = document.QuerySelectorAll("a").First(a => a.TextContent.Trim() == "Reservar una primera consulta");
        Assert.Equal("/book", book.GetAttribute("href"));
        Assert.Contains(document.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/lactation-deficiency");
        Assert.Contains(document.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/lactation-deficiency#when-to-get-help-now");
        Assert.Equal("Riverside Acupuncture for New Parents", document.QuerySelector(".lead [translate=no]")!.TextContent);
    }

    public static TheoryData<string, string, FlagTier, string[]> Advice => new()
    {
        // As HomePageAdviceTests: the sentence's id, a phrase in it (in Spanish), the tier the intake gives, and answers.
        { "urgent-emergency", "muy difícil de despertar, está flácido o le cuesta respirar", FlagTier.Emergency, ["baby_emergency_signs=yes"] },
        { "urgent-emergency", "tiene menos de 3 meses y tiene una temperatura de 38 °C (100.4 °F) o más", FlagTier.Emergency, ["age=89", "baby_fever=yes"] },
        { "urgent-today", "a menudo tiene demasiado sueño para comer", FlagTier.SameDay, ["baby_sleepy_feeds=yes"] },
        { "urgent-today", "moja menos pañales de lo esperado", FlagTier.SameDay, ["age=10", "wet_diapers_24h=5"] },
    };

    [Theory]
    [MemberData(nameof(Advice))]
    public async Task Each_sign_on_the_Spanish_home_page_has_the_tier_the_intake_gives_it(string sentenceId, string phrase, FlagTier tier, string[] answers)
    {
        var page = await SpanishAsync("/");
        var sentence = page.QuerySelector($"aside[aria-labelledby=urgent] #{sentenceId}")!.TextContent;
        Assert.Contains(phrase, Normalise(sentence));

        var clock = _app.Services.GetRequiredService<ClinicClock>();
        var values = answers.Select(a => a.Split('=')).ToDictionary(
            p => p[0] == "age" ? "baby_dob" : p[0],
            p => p[0] == "age" ? clock.Today.AddDays(-int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd") : p[1]);
        var assessed = _app.Services.GetRequiredService<IntakeAssessor>().Assess(new IntakeAnswers(values), clock.LocalNow);
        Assert.Equal(tier, assessed.HighestTier);
    }

    [Fact]
    public async Task Spanish_emergency_advice_says_now_and_same_day_advice_says_today_never_now()
    {
        var page = await SpanishAsync("/");
        var emergency = Normalise(page.QuerySelector("#urgent-emergency")!.TextContent);
        var today = Normalise(page.QuerySelector("#urgent-today")!.TextContent);
        Assert.StartsWith("Llame ahora a los servicios de emergencia si", emergency);
        Assert.StartsWith("Comuníquese hoy con el médico de su bebé o con su partera si", today);
        Assert.DoesNotContain("ahora", today);
        Assert.DoesNotContain(" ya", today);
        // The same sentences as the English page, and each one a whole sentence in Spanish.
        Assert.Equal(Advice.Select(row => (string)row[0]).Distinct().Order(),
            page.QuerySelectorAll("aside[aria-labelledby=urgent] p[id]").Select(p => p.Id!).Order());
        Assert.EndsWith("o más.", emergency);
        Assert.EndsWith("de lo esperado.", today);
    }

    [GeneratedRegex(@"\d+(?:\.\d+)?(?:\s?°[CF]|%)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
