using ClinicBooking.Web.Data;
using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace ClinicBooking.Web.Features.Language;

/// <summary>
/// The footer's language switch (issue 15): remembers the choice in a cookie for a year and, for a signed-in person,
/// on their account, so the emails the clinic sends them later are in the same language.
/// </summary>
[AllowAnonymous]
public sealed class LanguageController(UserManager<ApplicationUser> users) : Controller
{
    [HttpPost("/language")]
    public async Task<IActionResult> Choose(string? lang, string? returnUrl)
    {
        var language = lang?.Trim().ToLowerInvariant();
        if (language is null || !Languages.Names.ContainsKey(language))
        {
            return BadRequest("Choose English (en) or Español (es).");
        }

        Response.Cookies.Append(Languages.CookieName, Languages.CookieValue(language), new CookieOptions
        {
            Expires = DateTimeOffset.UtcNow.AddYears(1),
            IsEssential = true,
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = Request.IsHttps,
        });

        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user && user.PreferredLanguage != language)
        {
            user.PreferredLanguage = language;
            await users.UpdateAsync(user);
        }

        return LocalRedirect(returnUrl is { Length: > 0 and <= 2000 } && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
