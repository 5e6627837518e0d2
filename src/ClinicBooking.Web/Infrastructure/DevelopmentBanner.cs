using ClinicBooking.Web.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>
/// In Development with the demo seed, once the server listens, the log says how to sign in (the demo accounts and
/// their password, PRODUCT.md §9) and where the development mail viewer is, at the address actually listened on.
/// </summary>
public static class DevelopmentBanner
{
    public static WebApplication LogDemoAccountsWhenStarted(this WebApplication app)
    {
        if (!DbInitialiser.SeedsDemoData(app.Environment, app.Configuration))
        {
            return app;
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var listening = PublicAddress.FromListening(
                                app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
                            ?? app.Services.GetRequiredService<PublicAddress>().BaseUrl;
            var accounts = string.Join(", ", DbInitialiser.DemoAccounts.Select(a => $"{a.Email} ({a.Role})"));
            app.Logger.LogInformation(
                "Demo accounts (Development only), all with the password {DemoPassword}: {DemoAccounts}. " +
                "Emails the app sends are shown at {MailViewer}. Links in emails start with {PublicUrl}.",
                DbInitialiser.DemoPassword, accounts, $"{listening}/dev/mail", app.Services.GetRequiredService<PublicAddress>().BaseUrl);
        });
        return app;
    }
}
