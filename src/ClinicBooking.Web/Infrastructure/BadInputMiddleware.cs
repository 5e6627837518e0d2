namespace ClinicBooking.Web.Infrastructure;

/// <summary>
/// Input that cannot even be decoded (a mangled Base64 token in an emailed link, say) is the request's fault:
/// answer 400 with the friendly error page instead of a 500. Identity UI's pages decode such tokens themselves.
/// </summary>
public sealed class BadInputMiddleware(RequestDelegate next, ILogger<BadInputMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (FormatException) when (!context.Response.HasStarted)
        {
            logger.LogWarning("A request to {Path} carried a value that could not be decoded.", context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
