using System.Text.RegularExpressions;
using ClinicBooking.Web.Domain.Intake;

namespace ClinicBooking.UnitTests.Intake;

/// <summary>
/// The Spanish information page (Content/lactation-deficiency.es.md) is the English one in Spanish: the same
/// headings and anchors, the same links, the same numbers in each section, and a "Cuándo pedir ayuda ya" that says
/// what the intake's rules do, tier for tier, as <see cref="InformationPageAgreementTests"/> checks for English.
/// </summary>
public sealed partial class SpanishInformationPageAgreementTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly DateTime Now = Today.ToDateTime(new TimeOnly(15, 0));

    // The Web project copies its Markdown to every referencing project's output.
    private static string Read(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Content", file)).ReplaceLineEndings("\n");

    private static readonly string English = Read("lactation-deficiency.md");
    private static readonly string Spanish = Read("lactation-deficiency.es.md");

    // The tier headings, English and Spanish, in the page's order.
    private const string EnEmergency = "**Call emergency services now if:**";
    private const string EnBabyToday = "**Contact your baby's doctor or midwife today if:**";
    private const string EnParentNow = "**Contact your own doctor or midwife now";
    private const string EnParentToday = "**Contact your own doctor or midwife today if:**";
    private const string EnRefer = "**See a lactation consultant or your baby's doctor soon";
    private const string EsEmergency = "**Llame ahora a los servicios de emergencia si:**";
    private const string EsBabyToday = "**Comuníquese hoy con el médico de su bebé o con su partera si:**";
    private const string EsParentNow = "**Comuníquese ahora con su propio médico o partera";
    private const string EsParentToday = "**Comuníquese hoy con su propio médico o partera si:**";
    private const string EsRefer = "**Consulte pronto a una asesora de lactancia o al médico de su bebé";

    public static TheoryData<string, string> Tiers => new()
    {
        { EnEmergency, EsEmergency }, { EnBabyToday, EsBabyToday }, { EnParentNow, EsParentNow },
        { EnParentToday, EsParentToday }, { EnRefer, EsRefer },
    };

    /// <summary>From a tier's bold heading to the next bold heading or section, with line breaks read as spaces.</summary>
    private static string Section(string page, string heading)
    {
        var start = page.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"No \"{heading}\" on the information page");
        var body = page.IndexOf(":**", start, StringComparison.Ordinal) + 3;
        var ends = new[] { page.IndexOf("**", body, StringComparison.Ordinal), page.IndexOf("## ", body, StringComparison.Ordinal) };
        return Space().Replace(page[start..ends.Where(e => e >= 0).DefaultIfEmpty(page.Length).Min()], " ");
    }

    private static List<string> Headings(string page) =>
        page.Split('\n').Where(line => line.StartsWith('#')).Select(line => line[..line.IndexOf(' ')]).ToList();

    private static List<string> Urls(string page) => Link().Matches(page).Select(m => m.Groups[1].Value).ToList();

    /// <summary>Every number with its unit, sorted: "38°C", "100.4°F", "10%", "24".</summary>
    private static List<string> Numbers(string text) =>
        Number().Matches(text).Select(m => Space().Replace(m.Value, "")).Order(StringComparer.Ordinal).ToList();

    private static FlagTier? TierOf(params (string Key, string Value)[] answers) =>
        new IntakeAssessor(new IntakeThresholds()).Assess(new IntakeAnswers(answers.ToDictionary(a => a.Key, a => a.Value)), Now).HighestTier;

    [Fact]
    public void Both_pages_have_the_same_headings_at_the_same_levels_and_the_same_links_in_the_same_order()
    {
        Assert.Equal(7, Headings(English).Count);
        Assert.Equal(Headings(English), Headings(Spanish));
        Assert.Equal(["/book", "/intake", "/book"], Urls(English));
        Assert.Equal(Urls(English), Urls(Spanish));
    }

    [Fact]
    public void Each_Spanish_heading_keeps_the_English_headings_anchor_so_links_to_a_section_work_in_both()
    {
        // Markdig names an English heading from its words; the Spanish file gives each heading that same id.
        var ids = English.Split('\n').Where(line => line.StartsWith('#'))
            .Select(line => "{#" + Regex.Replace(line.TrimStart('#').Trim().ToLowerInvariant().Replace(":", ""), @"[^a-z0-9]+", "-").Trim('-') + "}")
            .ToList();
        Assert.Contains("{#when-to-get-help-now}", ids);
        Assert.Equal(ids, Spanish.Split('\n').Where(line => line.StartsWith('#')).Select(line => line[line.LastIndexOf('{')..].Trim()).ToList());
    }

    [Fact]
    public void Each_section_states_the_same_numbers_in_both_languages()
    {
        static List<List<string>> PerSection(string page) => page.Split("\n## ").Select(Numbers).ToList();
        var english = PerSection(English);
        Assert.Contains(english, section => section.Contains("38°C") && section.Contains("100.4°F") && section.Contains("10%"));
        Assert.Equal(english, PerSection(Spanish));
    }

    [Theory]
    [MemberData(nameof(Tiers))]
    public void Each_tier_has_as_many_signs_and_the_same_numbers_in_Spanish(string english, string spanish)
    {
        static int Signs(string section) => section.Split(" - ").Length - 1;
        Assert.True(Signs(Section(English, english)) > 0);
        Assert.Equal(Signs(Section(English, english)), Signs(Section(Spanish, spanish)));
        Assert.Equal(Numbers(Section(English, english)), Numbers(Section(Spanish, spanish)));
    }

    [Fact]
    public void The_tiers_come_in_the_English_order_and_say_now_only_where_the_English_does()
    {
        var positions = Tiers.Select(row => Spanish.IndexOf((string)row[1], StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(5, Spanish.Split("\n**").Length - 1);

        Assert.Contains("ahora", Section(Spanish, EsEmergency));
        Assert.Contains("ahora", Section(Spanish, EsParentNow));
        foreach (var today in new[] { EsBabyToday, EsParentToday })
        {
            Assert.Contains(" hoy ", Section(Spanish, today));
            Assert.DoesNotContain("ahora", Section(Spanish, today));
        }

        Assert.DoesNotContain("ahora", Section(Spanish, EsRefer));
        Assert.DoesNotContain(" hoy ", Section(Spanish, EsRefer));
    }

    [Theory]
    [InlineData("se ve amarillo (ictericia) en las primeras 24 horas")]
    [InlineData("tiene menos de 3 meses y tiene una temperatura de 38 °C (100.4 °F)")]
    [InlineData("sarpullido que no desaparece cuando usted presiona un vaso de vidrio transparente")]
    [InlineData("vomita líquido verde")]
    [InlineData("sería mejor morirse")]
    [InlineData("una convulsión")]
    [InlineData("bulto blando que parece lleno de líquido")]
    public void The_emergency_list_names_each_emergency_rule(string text)
    {
        Assert.Contains(text, Section(Spanish, EsEmergency));
    }

    [Theory]
    [InlineData("no ha tenido ningún pañal mojado en más de 6 horas (primeras 4 semanas) o en más de 8 horas (menores de 3 meses)")]
    [InlineData("tiene 3 meses o más y tiene una temperatura")]
    [InlineData("ningún pañal sucio (con heces) en 24 horas, durante los primeros 2 meses")]
    [InlineData("la boca seca, o la mollera (la parte blanda de arriba de la cabeza) se ve hundida")]
    [InlineData("come menos de 6 veces en 24 horas")]
    [InlineData("pasa 5 horas o más")]
    [InlineData("más del 10% de su peso al nacer")]
    public void The_same_day_list_names_the_baby_rules(string text)
    {
        Assert.Contains(text, Section(Spanish, EsBabyToday));
    }

    [Theory]
    [InlineData("dolor de cabeza fuerte")]
    [InlineData("piernas está roja, hinchada o le duele")]
    [InlineData("roja, caliente, o le sale líquido o pus")]
    public void The_parent_now_list_names_the_warning_signs_the_intake_asks(string text)
    {
        Assert.Contains(text, Section(Spanish, EsParentNow));
    }

    [Theory]
    [InlineData("una temperatura de 38 °C (100.4 °F) o más")]
    [InlineData("se siente mal, como con gripe")]
    [InlineData("el enrojecimiento se extiende rápido")]
    [InlineData("vaya a una clínica de atención urgente")]
    public void The_parent_today_list_names_fever_and_a_red_breast_with_feeling_unwell(string text)
    {
        Assert.Contains(text, Section(Spanish, EsParentToday));
    }

    [Fact]
    public void First_day_jaundice_stays_an_emergency_and_not_a_same_day_sign_in_Spanish_too()
    {
        Assert.Equal(FlagTier.Emergency, TierOf(("baby_dob", Today.AddDays(-1).ToString("yyyy-MM-dd")), ("baby_birth_time", "20:00"), ("jaundice", "mild")));
        var sameDay = Section(Spanish, EsBabyToday);
        Assert.DoesNotContain("primer día", sameDay);
        Assert.DoesNotContain("primeras 24 horas", sameDay);
    }

    [Fact]
    public void The_feed_counts_on_the_Spanish_page_are_the_intakes_thresholds()
    {
        var t = new IntakeThresholds();
        var weeks = t.NewbornMaxAgeDays / 7;
        Assert.DoesNotContain("6 a 8", Spanish);
        Assert.Contains($"tiene {weeks} semanas o menos y come menos de {t.MinFeedsSameDay} veces en 24 horas", Section(Spanish, EsBabyToday));
        Assert.Contains($"tiene {weeks} semanas o menos y come {t.MinFeedsSameDay} o {t.MinFeedsPerDay - 1} veces en 24 horas (lo esperado es {t.MinFeedsPerDay} o más)",
            Section(Spanish, EsRefer));
    }

    [Fact]
    public void The_evidence_is_as_cautious_in_Spanish_as_in_English()
    {
        // English: "may help", "limited", "low", "cannot be guaranteed", "complements, and never replaces".
        Assert.DoesNotContain("Acupuncture can help", English);
        Assert.Contains("podría ayudar", Spanish);
        Assert.DoesNotContain("La acupuntura puede ayudar", Spanish);
        Assert.DoesNotContain("ayuda a aumentar", Spanish);
        Assert.Contains("es **limitada**", Spanish);
        Assert.Contains("es **baja**", Spanish);
        Assert.Contains("No se pueden garantizar resultados", Space().Replace(Spanish, " "));
        Assert.Contains("**complementa, y nunca sustituye**", Spanish);
        Assert.Contains("No se sabe si esto se traduce en más leche", Space().Replace(Spanish, " "));
        Assert.Contains("todavía no hay evidencia directa", Space().Replace(Spanish, " "));
        Assert.Contains("La investigación no ha demostrado que tomar más líquidos aumente la producción", Space().Replace(Spanish, " "));
    }

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\d+(?:\.\d+)?(?:\s?°[CF]|%)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
