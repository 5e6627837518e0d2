using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ClinicBooking.Web.Features.Admin;

/// <summary>What every admin controller shares: the Admin policy, no caching, views in Features/Admin, flash messages.</summary>
[Authorize(Policy = Policies.Admin)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public abstract class AdminControllerBase : Controller
{
    protected ViewResult Page(string view, object model) => View($"~/Features/Admin/{view}.cshtml", model);

    /// <summary>The same page again with the errors beside the fields: 400, nothing changed.</summary>
    protected ViewResult Invalid(string view, object model)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page(view, model);
    }

    protected string? Flash
    {
        get => TempData["Flash"] as string;
        set => TempData["Flash"] = value;
    }
}
