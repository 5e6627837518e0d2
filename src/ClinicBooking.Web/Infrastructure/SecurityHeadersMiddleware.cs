namespace ClinicBooking.Web.Infrastructure;

/// <summary>
/// Security headers on every response (PRODUCT.md §8). Scripts and styles come only from our own files, so
/// the policy needs no 'unsafe-inline'. Hangfire's dashboard (admin-only) writes inline style and script from its own
/// files and gets its own, looser policy on /hangfire only. The path is read when the request arrives: the dashboard
/// rewrites Request.Path to its own sub-path while it writes the page, so reading it when the response starts saw
/// "/" and gave the dashboard the strict policy, which blocked it. Every response to a signed-in person may carry personal data, so none of them is
/// stored by the browser or a proxy (<c>Cache-Control: no-store</c>). Static files are served before
/// authentication runs, so they stay cacheable.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string AppPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    private const string DashboardPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var policy = context.Request.Path.StartsWithSegments("/hangfire") ? DashboardPolicy : AppPolicy;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (context.User.Identity?.IsAuthenticated == true)
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
                headers.Remove("Expires");
            }
            else if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                // A public page is in the visitor's language (the language cookie, else Accept-Language): a cache
                // must keep one copy per language, never hand a Spanish page to an English reader.
                headers.Vary = "Accept-Language, Cookie";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
