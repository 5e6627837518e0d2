using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ClinicBooking.Web.Features.Information;

[AllowAnonymous]
public sealed class InformationController(InformationPage page) : Controller
{
    [HttpGet("/lactation-deficiency"), HttpHead("/lactation-deficiency")]
    public IActionResult Index() => View(page.Render());
}
