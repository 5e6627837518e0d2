using ClinicBooking.Web.Domain.Notifications;
using MimeKit;

namespace ClinicBooking.Web.Email;

/// <summary>What happened to one message of a batch.</summary>
public sealed record SendResult(bool Sent, SendFailure? Failure = null, string? Error = null)
{
    public static readonly SendResult Ok = new(true);

    public static SendResult Temporary(string error) => new(false, SendFailure.Temporary, error);

    public static SendResult Permanent(string error) => new(false, SendFailure.Permanent, error);
}

/// <summary>
/// Delivers finished MIME messages. One call is one connection, however many messages it carries; the result
/// says, message by message, whether it went and, if not, whether trying again could help.
/// </summary>
public interface IEmailTransport
{
    /// <param name="messages">The batch, in order.</param>
    /// <param name="accepted">Called with a message's index as soon as it is delivered, before the next is sent.</param>
    /// <param name="cancellationToken">Cancels the batch.</param>
    Task<IReadOnlyList<SendResult>> SendAsync(IReadOnlyList<MimeMessage> messages, Func<int, Task>? accepted = null,
        CancellationToken cancellationToken = default);
}
