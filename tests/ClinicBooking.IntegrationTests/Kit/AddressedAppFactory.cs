using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicBooking.IntegrationTests.Kit;

/// <summary>
/// The in-process test server has no client address; this host takes it from the test header
/// <c>X-Test-Client-Address</c>, set before the app's own pipeline (so forwarded headers, rate limits and the audit
/// log see it as the connection's address).
/// </summary>
public sealed class AddressedAppFactory : ClinicAppFactory
{
    public const string Header = "X-Test-Client-Address";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new AddressFromHeader()));
    }

    private sealed class AddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
