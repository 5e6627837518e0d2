using ClinicBooking.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ClinicBooking.Web.Features.Home;

[AllowAnonymous]
public sealed class HomeController : Controller
{
    [HttpGet("/"), HttpHead("/")]
    public IActionResult Index() => View();

    /// <summary>
    /// Where signing in leads when nothing asked for another page: each person's own home (a patient's visits and what
    /// to do next, a practitioner's schedule, the admin overview), not the public page.
    /// </summary>
    [HttpGet("/home")]
    public IActionResult Start() =>
        User.IsInRole(Roles.Admin) ? Redirect("/admin")
        : User.IsInRole(Roles.Practitioner) ? Redirect("/practitioner")
        : User.IsInRole(Roles.Reception) ? Redirect("/desk")
        : User.IsInRole(Roles.Patient) ? Redirect("/appointments")
        : Redirect("/");
}
