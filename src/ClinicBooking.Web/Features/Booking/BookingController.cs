using ClinicBooking.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Features.Booking;

/// <summary>
/// The start of booking: the clinic's services and how to book them. Online booking of a time (the week grid)
/// comes with the booking issue; until then this page says plainly how to book by phone.
/// </summary>
[AllowAnonymous]
public sealed class BookingController(ClinicDbContext db) : Controller
{
    [HttpGet("/book")]
    public async Task<IActionResult> Index() =>
        View(await db.Services.Where(s => s.IsActive).OrderByDescending(s => s.RequiresIntake).ThenBy(s => s.Name).ToListAsync());
}
