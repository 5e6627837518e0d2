using ClinicBooking.Web.Data;
using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace ClinicBooking.Web.Features.Language;

/// <summary>
/// The footer's language switch (issue 15): remembers the choice in a cookie for a year and, for a signed-in person,
/// on their account, so the emails the clinic sends them later are in the same language. Signed-in people post a
/// form (it changes their account); visitors follow a link that only sets the cookie, so the public pages carry no
/// antiforgery token and stay cacheable and fast (a token would make every public page no-store and cost a key
/// operation per view). A GET never changes anything stored.
/// </summary>
[AllowAnonymous]
public sealed class LanguageController(UserManager<ApplicationUser> users) : Controller
{
    [HttpGet("/language")]
    public IActionResult Link(string? lang, string? returnUrl)
    {
        if (Parse(lang) is not { } language)
        {
            return BadRequest("Choose English (en) or Español (es).");
        }

        Remember(language);
        return Back(returnUrl);
    }

    [HttpPost("/language")]
    public async Task<IActionResult> Choose(string? lang, string? returnUrl)
    {
        if (Parse(lang) is not { } language)
        {
            return BadRequest("Choose English (en) or Español (es).");
        }

        Remember(language);
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user && user.PreferredLanguage != language)
        {
            user.PreferredLanguage = language;
            await users.UpdateAsync(user);
        }

        return Back(returnUrl);
    }

    private static string? Parse(string? lang) => lang?.Trim().ToLowerInvariant() is { } l && Languages.Names.ContainsKey(l) ? l : null;

    private IActionResult Back(string? returnUrl) =>
        LocalRedirect(returnUrl is { Length: > 0 and <= 2000 } && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");

    private void Remember(string language) =>
        Response.Cookies.Append(Languages.CookieName, Languages.CookieValue(language), new CookieOptions
        {
            Expires = DateTimeOffset.UtcNow.AddYears(1),
            IsEssential = true,
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = Request.IsHttps,
        });
}
