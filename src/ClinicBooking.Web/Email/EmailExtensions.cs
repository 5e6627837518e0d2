using MailKit.Security;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ClinicBooking.Web.Email;

public static class EmailExtensions
{
    public static WebApplicationBuilder AddClinicEmail(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EmailOptions>()
            .Bind(builder.Configuration.GetSection(EmailOptions.Section))
            .Validate(o => Enum.TryParse<SecureSocketOptions>(o.Smtp.Security, true, out _),
                "Email:Smtp:Security must be one of None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable.")
            .Validate(o => MailboxAddress.TryParse(o.Smtp.From, out _), "Email:Smtp:From must be an email address.")
            .Validate(o => o.Smtp.Port is > 0 and < 65536, "Email:Smtp:Port must be between 1 and 65535.")
            .ValidateOnStart();

        var contentRoot = builder.Environment.ContentRootPath;
        services.AddSingleton(sp => new PickupDirectory(Path.GetFullPath(
            sp.GetRequiredService<IOptions<EmailOptions>>().Value.PickupDirectory, contentRoot)));
        services.AddSingleton<SmtpEmailTransport>();
        services.AddSingleton<PickupDirectoryEmailTransport>();
        // Chosen once from configuration: an SMTP host means SMTP, none means .eml files on disk.
        services.AddSingleton<IEmailTransport>(sp =>
            string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp.Host)
                ? sp.GetRequiredService<PickupDirectoryEmailTransport>()
                : sp.GetRequiredService<SmtpEmailTransport>());
        services.AddSingleton<EmailComposer>();
        services.AddTransient<IEmailSender, IdentityEmailSender>();
        return builder;
    }
}
