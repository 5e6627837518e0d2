using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicBooking.IntegrationTests.Kit;

/// <summary>
/// Every endpoint the host maps (controllers, Razor Pages including Identity UI's, health, Hangfire, the fallback),
/// read from its own <see cref="EndpointDataSource"/>: tests over this list cover new areas without being told.
/// </summary>
public static class EndpointInventory
{
    public static IReadOnlyList<RouteEndpoint> All(ClinicAppFactory app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ISuppressMatchingMetadata>()?.SuppressMatching != true)
            .ToList();

    /// <summary>The catch-all that answers 404 for unknown addresses (MapFallback gives it the last order).</summary>
    public static bool IsFallback(RouteEndpoint endpoint) => endpoint.Order == int.MaxValue;

    public static bool IsHangfire(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText?.TrimStart('/').StartsWith("hangfire", StringComparison.OrdinalIgnoreCase) == true;

    public static IReadOnlyList<string>? Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;

    public static bool Accepts(RouteEndpoint endpoint, string method) =>
        Methods(endpoint) is not { Count: > 0 } methods || methods.Contains(method, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Page and action routes without parameters: the ones a test can GET as they are. Razor Pages carry no
    /// method metadata (their handlers choose), so "accepts GET" includes them.
    /// </summary>
    public static IReadOnlyList<string> ParameterlessGetPaths(ClinicAppFactory app) =>
        All(app).Where(e => Accepts(e, HttpMethods.Get) && e.RoutePattern.Parameters.Count == 0 && !IsFallback(e))
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// A concrete path for a pattern: ints for int-constrained parameters, a word otherwise. Refusals such as a
    /// missing antiforgery token happen before the action runs, so the values only need to route.
    /// </summary>
    public static string Fill(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => parameter.ParameterPolicies.Any(p => p.Content is "int" or "long")
                ? "1"
                : parameter.Default?.ToString() ?? "about",
            _ => "",
        })));
        return "/" + string.Join('/', segments);
    }

    public static string Describe(RouteEndpoint endpoint) =>
        $"{string.Join(',', Methods(endpoint) ?? ["*"])} /{endpoint.RoutePattern.RawText?.TrimStart('/')} ({endpoint.DisplayName})";

    public static bool HasExplicitAccessRule(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
        || endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0
        || endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>().Count > 0;
}
