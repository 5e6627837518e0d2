using MimeKit;

namespace ClinicBooking.Web.Email;

/// <summary>Delivers finished MIME messages. One call is one connection, however many messages it carries.</summary>
public interface IEmailTransport
{
    Task SendAsync(IReadOnlyCollection<MimeMessage> messages, CancellationToken cancellationToken = default);
}
