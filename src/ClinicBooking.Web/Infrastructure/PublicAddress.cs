using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>
/// The base of every link the app sends out: <c>App:PublicUrl</c> when set (required outside Development), otherwise
/// (Development only) the first http address the server listens on, with a wildcard host (0.0.0.0, [::], +, *) read as
/// localhost. Known only once the server has started; before that (or on a server with no addresses, as in tests)
/// http://localhost.
/// </summary>
public sealed class PublicAddress(IOptions<AppOptions> options, IServiceProvider services)
{
    public const string Fallback = "http://localhost";

    private string? _listening;

    /// <summary>The base address without a trailing slash.</summary>
    public string BaseUrl
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(options.Value.PublicUrl))
            {
                return options.Value.PublicUrl.Trim().TrimEnd('/');
            }

            _listening ??= FromListening(services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
            return _listening ?? Fallback;
        }
    }

    /// <summary>True when the address comes from <c>App:PublicUrl</c> rather than the listening address.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.PublicUrl);

    /// <summary>The first http address of <paramref name="addresses"/> (else the first), wildcards as localhost; null when none.</summary>
    public static string? FromListening(IEnumerable<string> addresses)
    {
        var list = addresses.ToList();
        var chosen = list.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? list.FirstOrDefault();
        if (chosen is null)
        {
            return null;
        }

        var schemeEnd = chosen.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return null;
        }

        var rest = chosen[(schemeEnd + 3)..];
        var hostEnd = rest.StartsWith('[') ? rest.IndexOf(']') + 1 : rest.IndexOfAny([':', '/']);
        var host = hostEnd <= 0 ? rest : rest[..hostEnd];
        var tail = hostEnd <= 0 ? "" : rest[hostEnd..];
        if (host is "0.0.0.0" or "[::]" or "+" or "*" or "")
        {
            host = "localhost";
        }

        return $"{chosen[..schemeEnd].ToLowerInvariant()}://{host}{tail}".TrimEnd('/');
    }
}
