using ClinicBooking.Web.Email;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MimeKit;

namespace ClinicBooking.Web.Features.DevMail;

/// <summary>
/// Development only: the messages the pickup-directory transport wrote, so a newcomer can click the
/// confirmation link without an SMTP server. Answers 404 in every other environment.
/// </summary>
[AllowAnonymous]
[Route("/dev/mail")]
public sealed class DevMailController(IWebHostEnvironment environment, PickupDirectory pickup, IStringLocalizer<DevMailController> text) : Controller
{
    /// <summary>
    /// Development, and a request from this machine only: a developer's app bound to a LAN address must not hand its
    /// mail (confirmation and reset links) to the network. No address at all is an in-process test server.
    /// </summary>
    private bool Open => environment.IsDevelopment()
                         && (HttpContext.Connection.RemoteIpAddress is not { } remote || System.Net.IPAddress.IsLoopback(remote));

    [HttpGet("")]
    public IActionResult Index()
    {
        if (!Open)
        {
            return NotFound();
        }

        var files = Directory.Exists(pickup.Path)
            ? new DirectoryInfo(pickup.Path).GetFiles("*.eml").OrderByDescending(f => f.Name).Take(200).ToList()
            : [];
        var items = files.Select(f =>
        {
            var headers = HeaderList.Load(f.FullName);
            return new DevMailItem(f.Name, headers[HeaderId.To] ?? "", headers[HeaderId.Subject] ?? text["(no subject)"],
                f.LastWriteTimeUtc);
        }).ToList();
        return View(items);
    }

    [HttpGet("{name}")]
    public async Task<IActionResult> Show(string name)
    {
        var path = Path.Combine(pickup.Path, name);
        if (!Open || !PickupDirectory.IsValidFileName(name) || !System.IO.File.Exists(path))
        {
            return NotFound();
        }

        var message = await MimeMessage.LoadAsync(path);
        var text = message.TextBody ?? HtmlText.ToPlainText(message.HtmlBody ?? "");
        return View(new DevMailMessage(name, message.To.ToString(), message.Subject ?? "", message.Date, text,
            HtmlText.Links(text)));
    }
}

public sealed record DevMailItem(string Name, string To, string Subject, DateTime WrittenUtc);

public sealed record DevMailMessage(string Name, string To, string Subject, DateTimeOffset Date, string Text,
    IReadOnlyList<string> Links);
