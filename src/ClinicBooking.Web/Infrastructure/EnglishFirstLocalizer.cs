using System.Globalization;
using Microsoft.Extensions.Localization;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>
/// English is every resource's key (<see cref="Languages"/>), so an English reader needs no lookup at all: this
/// factory answers English requests with the key itself and sends other languages to the .resx files. Without it
/// every string of every English page went through ResourceManager's search (a cache key built, a log call, a
/// dictionary probe), which cost the public pages about a fifth of their throughput (docs/performance.md).
/// </summary>
public sealed class EnglishFirstLocalizerFactory(ResourceManagerStringLocalizerFactory resources) : IStringLocalizerFactory
{
    public IStringLocalizer Create(Type resourceSource) => new EnglishFirstLocalizer(resources.Create(resourceSource));

    public IStringLocalizer Create(string baseName, string location) => new EnglishFirstLocalizer(resources.Create(baseName, location));
}

public sealed class EnglishFirstLocalizer(IStringLocalizer resources) : IStringLocalizer
{
    private static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Languages.English;

    public LocalizedString this[string name] => English ? new LocalizedString(name, name) : resources[name];

    public LocalizedString this[string name, params object[] arguments] =>
        English ? new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, name, arguments)) : resources[name, arguments];

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => resources.GetAllStrings(includeParentCultures);
}
