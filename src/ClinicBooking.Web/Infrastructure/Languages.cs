using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>
/// The languages patients can read the app in (issue 15): English, complete, and Spanish for the patient pages and
/// emails. Chosen per request by the language cookie (the footer's switch), then the browser's Accept-Language. The
/// clinic's culture (<c>Clinic:Culture</c>) still decides the shape of times, dates and numbers, in that language
/// (<see cref="Features.Booking.ClinicCulture.InLanguage"/>).
/// </summary>
public static class Languages
{
    public const string English = "en";
    public const string Spanish = "es";

    /// <summary>Language code → its own name, as the footer's switch offers it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [English] = "English",
        [Spanish] = "Español",
    };

    public static readonly IReadOnlyList<CultureInfo> Supported = [CultureInfo.GetCultureInfo(English), CultureInfo.GetCultureInfo(Spanish)];

    /// <summary>The cookie the switch sets and the request localisation reads ("c=es|uic=es").</summary>
    public static string CookieName => CookieRequestCultureProvider.DefaultCookieName;

    /// <summary>"en" or "es" for a code such as "es", "es-MX" or "EN"; null for anything else.</summary>
    public static string? Normalise(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 20)
        {
            return null;
        }

        var language = code.Split('-', '_')[0].Trim().ToLowerInvariant();
        return Names.ContainsKey(language) ? language : null;
    }

    /// <summary>The language in force for this request or email ("en" or "es").</summary>
    public static string Current => Normalise(CultureInfo.CurrentUICulture.Name) ?? English;

    /// <summary>Puts a language in force for the rest of the calling flow (an email being written for its recipient).</summary>
    public static void Use(string? language) =>
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(Normalise(language) ?? English);

    /// <summary>
    /// Request localisation: the UI language from the cookie, then Accept-Language, else English. The request's
    /// CurrentCulture (form parsing) stays as it was: a typed "3.5" means the same in every language.
    /// </summary>
    public static void Configure(RequestLocalizationOptions options)
    {
        var parsing = CultureInfo.CurrentCulture;
        options.DefaultRequestCulture = new RequestCulture(parsing, Supported[0]);
        options.SupportedCultures = [parsing];
        options.SupportedUICultures = [.. Supported];
        options.FallBackToParentUICultures = true;
        options.ApplyCurrentCultureToResponseHeaders = true;
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider { MaximumAcceptLanguageHeaderValuesToTry = 5 },
        ];
    }

    /// <summary>The cookie value for a language: the parsing culture is not the visitor's to choose.</summary>
    public static string CookieValue(string language) =>
        CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.CurrentCulture, CultureInfo.GetCultureInfo(language)));
}

/// <summary>
/// Resource lookups outside views and controllers (domain text, emails, formatting): English text is the key and
/// the fallback, a language's .resx holds its translation (ASP.NET Core's usual scheme, so English is always
/// complete). Lookups follow <see cref="CultureInfo.CurrentUICulture"/>.
/// </summary>
public static class Text
{
    private static readonly IStringLocalizerFactory Factory = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

    private static readonly ConcurrentDictionary<Type, IStringLocalizer> Localizers = new();

    public static IStringLocalizer For<T>() => For(typeof(T));

    public static IStringLocalizer For(Type type) => Localizers.GetOrAdd(type, Factory.Create);

    /// <summary><paramref name="english"/> in the current language, with {0}-style arguments filled in.</summary>
    public static string Get<T>(string english, params object[] arguments)
    {
        if (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Languages.English)
        {
            // English is the key: no resource search for an English reader.
            return arguments.Length == 0 ? english : string.Format(CultureInfo.CurrentCulture, english, arguments);
        }

        var found = For<T>()[english];
        return arguments.Length == 0 ? found.Value : string.Format(CultureInfo.CurrentCulture, found.Value, arguments);
    }
}

/// <summary>
/// Translates sentences made before the language was known (the intake's stored red flags, rule messages with
/// numbers in them): an exact entry first, then an entry whose {0}, {1}… placeholders match the numbers and words
/// in the English sentence. A sentence with no entry stays English, never blank.
/// </summary>
public sealed class TemplateText(Type resource)
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<(Regex Pattern, string Key)>> _templates = new(StringComparer.Ordinal);

    public static TemplateText For<T>() => Cache.GetOrAdd(typeof(T), t => new TemplateText(t));

    private static readonly ConcurrentDictionary<Type, TemplateText> Cache = new();

    public string this[string? english] => Translate(english);

    public string Translate(string? english)
    {
        if (string.IsNullOrEmpty(english) || Languages.Current == Languages.English)
        {
            return english ?? "";
        }

        var localizer = Text.For(resource);
        var exact = localizer[english];
        if (!exact.ResourceNotFound)
        {
            return exact.Value;
        }

        foreach (var (pattern, key) in Templates(localizer))
        {
            // Linear-time matching (no backtracking) and no clock-based timeout: a busy server must never turn an
            // urgent guidance page into an error page because a match took long.
            var match = pattern.Match(english);
            if (match.Success)
            {
                var arguments = match.Groups.Cast<Group>().Skip(1).Select(g => (object)g.Value).ToArray();
                return string.Format(CultureInfo.CurrentCulture, localizer[key].Value, arguments);
            }
        }

        return english;
    }

    /// <summary>True when <paramref name="english"/> has a translation in the current language (tests use it).</summary>
    public bool IsTranslated(string english) => Languages.Current == Languages.English || Translate(english) != english;

    private IReadOnlyList<(Regex Pattern, string Key)> Templates(IStringLocalizer localizer) =>
        _templates.GetOrAdd(CultureInfo.CurrentUICulture.Name, _ => Keys(localizer)
            .Where(k => k.Contains("{0}", StringComparison.Ordinal))
            .OrderByDescending(k => k.Length)
            .Select(k => (new Regex("^" + Regex.Replace(Regex.Escape(k), @"\\\{\d+}", "(.+?)") + "$",
                RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.NonBacktracking), k))
            .ToList());

    /// <summary>The keys of this resource in the current language; none when the language has no file for it yet.</summary>
    private static List<string> Keys(IStringLocalizer localizer)
    {
        try
        {
            return localizer.GetAllStrings(includeParentCultures: true).Select(s => s.Name).ToList();
        }
        catch (System.Resources.MissingManifestResourceException)
        {
            return [];
        }
    }
}
