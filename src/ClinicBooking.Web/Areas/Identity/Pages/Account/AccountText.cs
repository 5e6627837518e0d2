using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace ClinicBooking.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Resource anchor for the account pages' sentences written in C# (page models' messages) and for Identity's own
/// error descriptions, in the reader's language: Resources/Areas/Identity/Pages/Account/AccountText.es.resx.
/// </summary>
public sealed class AccountText
{
    private AccountText()
    {
    }

    public static string Get(string english, params object[] arguments) => Text.Get<AccountText>(english, arguments);

    /// <summary>
    /// Identity's English description ("Incorrect password.", "Username 'josé@example.com' is invalid, …") in the
    /// reader's language: its sentences carry the address or a number, so they are matched as templates.
    /// </summary>
    public static string Describe(IdentityError error) => TemplateText.For<AccountText>()[error.Description];
}
