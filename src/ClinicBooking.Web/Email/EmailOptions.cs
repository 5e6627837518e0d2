using MailKit.Security;

namespace ClinicBooking.Web.Email;

/// <summary>Configuration section <c>Email</c>.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Where messages are written as .eml files when <c>Email:Smtp:Host</c> is empty.</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail";
}

public sealed class SmtpOptions
{
    /// <summary>Empty: no SMTP server; messages go to the pickup directory instead.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>A MailKit <see cref="SecureSocketOptions"/> name: None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable.</summary>
    public string Security { get; set; } = nameof(SecureSocketOptions.StartTls);

    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "ClinicBooking <no-reply@clinic.test>";
    public int TimeoutSeconds { get; set; } = 30;

    public SecureSocketOptions SecureSocketOptions => Enum.Parse<SecureSocketOptions>(Security, ignoreCase: true);
}
