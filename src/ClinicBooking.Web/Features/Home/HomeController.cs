using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ClinicBooking.Web.Features.Home;

[AllowAnonymous]
public sealed class HomeController : Controller
{
    [HttpGet("/"), HttpHead("/")]
    public IActionResult Index() => View();
}
