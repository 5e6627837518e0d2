using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>
/// Identity UI's second sign-in step (authenticator code or recovery code) throws when it is opened without a first
/// step in progress (a bookmark, a back button, a crawler): send such a visit to the sign-in page instead of a 500.
/// </summary>
public sealed class TwoFactorStepFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!(await context.HttpContext.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme)).Succeeded)
        {
            context.Result = new RedirectResult("/Identity/Account/Login");
            return;
        }

        await next();
    }
}

/// <summary>
/// Identity UI's "turn off two-step sign-in" and "new recovery codes" pages throw for an account that has not turned
/// it on: send such a visit to the two-step sign-in page, which offers to set it up.
/// </summary>
public sealed class TwoFactorEnabledFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var users = context.HttpContext.RequestServices.GetRequiredService<UserManager<Data.ApplicationUser>>();
        if (await users.GetUserAsync(context.HttpContext.User) is not { TwoFactorEnabled: true })
        {
            context.Result = new RedirectResult("/Identity/Account/Manage/TwoFactorAuthentication");
            return;
        }

        await next();
    }
}
