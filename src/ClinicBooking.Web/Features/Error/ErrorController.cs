using System.Diagnostics;
using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ClinicBooking.Web.Features.Error;

/// <summary>Friendly pages for errors and bare status codes: a way back and a reference id, never a stack trace.</summary>
[AllowAnonymous]
[ApiExplorerSettings(IgnoreApi = true)]
// Re-executed for failed POSTs too (a refused antiforgery token among them): the error page itself must render.
[IgnoreAntiforgeryToken]
public sealed class ErrorController : Controller
{
    [Route("/error")]
    [ResponseCache(NoStore = true, Duration = 0)]
    public IActionResult Index() => Render(StatusCodes.Status500InternalServerError);

    [Route("/error/{code:int}")]
    [ResponseCache(NoStore = true, Duration = 0)]
    public IActionResult Status()
    {
        // Read from the route, not bound: binding would read the original request's form, which may be the
        // very thing that failed (a NUL character, say), and then leave the code at 0.
        var code = int.TryParse(RouteData.Values["code"] as string, out var parsed) ? parsed : 404;
        return Render(code is >= 400 and < 600 ? code : 404);
    }

    private ViewResult Render(int code)
    {
        Response.StatusCode = code;
        // The reason was written in English before the page knew its reader (BadInputMiddleware): translated here.
        var model = new ErrorViewModel(code, Activity.Current?.Id ?? HttpContext.TraceIdentifier,
            HttpContext.Items[ClinicBooking.Web.Infrastructure.BadInputMiddleware.ReasonKey] is string reason
                ? TemplateText.For<ErrorText>()[reason] : null);
        return View("Error", model);
    }
}

/// <summary>
/// Resource anchor for the error pages' words (Resources/Features/Error/ErrorText.{language}.resx): titles, advice and
/// the reasons <see cref="BadInputMiddleware"/> gives.
/// </summary>
public sealed class ErrorText;

/// <param name="Reason">Why the request was refused, in the reader's language; null for the status's own advice.</param>
public sealed record ErrorViewModel(int StatusCode, string RequestId, string? Reason = null)
{
    public string Title => Text.Get<ErrorText>(StatusCode switch
    {
        400 => "Something in that request was not right",
        403 => "This page is not available to your account",
        404 => "We could not find that page",
        413 => "That was too much to send",
        429 => "Too many attempts",
        _ => "Sorry, something went wrong on our side",
    });

    public string Advice => Text.Get<ErrorText>(StatusCode switch
    {
        400 => "Please go back, reload the page and try again.",
        403 => "If you think you should see it, sign in with a different account or call the clinic.",
        404 => "The link may be old, or the page may have moved.",
        413 => "Please go back and shorten what you typed.",
        429 => "You have tried this too many times in a short while. Please wait a minute, then try again.",
        _ => "Nothing you entered was lost on our side. Please try again in a moment, or call the clinic.",
    });
}
