namespace ClinicBooking.Web.Infrastructure;

/// <summary>
/// Bad input is the request's fault, so it gets a 4xx and the friendly error page with a reason, never a 500:
/// values <see cref="InputRules"/> refuses (before any page runs, so nothing is stored), a form too large to
/// read (413), and values that cannot even be decoded (a mangled Base64 token in an emailed link, say).
/// </summary>
public sealed class BadInputMiddleware(RequestDelegate next, ILogger<BadInputMiddleware> logger)
{
    /// <summary>Where the reason travels to the error page (HttpContext.Items survives the re-execution).</summary>
    public const string ReasonKey = "ClinicBooking.BadInputReason";

    public async Task InvokeAsync(HttpContext context)
    {
        // The error page re-executed for a refused request sees that same request's form: let it render.
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null)
        {
            await next(context);
            return;
        }

        try
        {
            var problem = InputRules.Check(context.Request.Query);
            if (problem is null && context.Request.HasFormContentType)
            {
                problem = InputRules.Check(await context.Request.ReadFormAsync(context.RequestAborted));
            }

            if (problem is not null)
            {
                // The rule that fired names a field, never its value.
                logger.LogWarning("Refused a request to {Path}: {Problem}.", context.Request.Path, problem);
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    // JSON callers get the reason itself (it names a parameter, never a value).
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    await context.Response.WriteAsJsonAsync(new { error = $"Bad input: {problem}." });
                    return;
                }

                Refuse(context, StatusCodes.Status400BadRequest, InputRules.Message);
                return;
            }
        }
        catch (InvalidDataException e) when (!e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            // A form the reader cannot decode at all (a NUL in the body, say).
            logger.LogWarning("Refused an unreadable form posted to {Path}.", context.Request.Path);
            Refuse(context, StatusCodes.Status400BadRequest, InputRules.Message);
            return;
        }
        catch (InvalidDataException)
        {
            // FormOptions' limits (value length, count) were exceeded while reading the form.
            logger.LogWarning("Refused an oversized form posted to {Path}.", context.Request.Path);
            Refuse(context, StatusCodes.Status413PayloadTooLarge,
                "That was far more than any of our forms sends. Please go back and shorten what you typed.");
            return;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            logger.LogWarning("Refused an oversized request body posted to {Path}.", context.Request.Path);
            Refuse(context, StatusCodes.Status413PayloadTooLarge,
                "That was far more than any of our forms sends. Please go back and shorten what you typed.");
            return;
        }

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

    private static void Refuse(HttpContext context, int status, string reason)
    {
        context.Items[ReasonKey] = reason;
        context.Response.StatusCode = status;
    }
}
