using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ClinicBooking.Web.Email;

/// <summary>
/// Sends through an SMTP server with MailKit, one connection per batch. Certificates are validated as usual
/// (never "accept all"). 5xx replies and failed authentication are permanent; 4xx replies, refused connections,
/// timeouts and dropped connections are temporary. Errors are reported without addresses or content.
/// </summary>
public sealed class SmtpEmailTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    public async Task<IReadOnlyList<SendResult>> SendAsync(IReadOnlyList<MimeMessage> messages, Func<int, Task>? accepted = null,
        CancellationToken cancellationToken = default)
    {
        var results = new SendResult[messages.Count];
        if (messages.Count == 0)
        {
            return results;
        }

        var smtp = options.Value.Smtp;
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        try
        {
            var host = smtp.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set.");
            await client.ConnectAsync(await ConnectSocketAsync(host, smtp.Port, smtp.TimeoutSeconds, cancellationToken),
                host, smtp.Port, smtp.SecureSocketOptions, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
            }
        }
        catch (AuthenticationException e)
        {
            return Fill(results, 0, SendResult.Permanent($"SMTP authentication failed: {e.Message}"));
        }
        catch (NotSupportedException e)
        {
            // The server offers no way to sign in with the configured user: a setting to fix, not a moment to wait.
            return Fill(results, 0, SendResult.Permanent($"SMTP server cannot authenticate: {e.Message}"));
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode == 535 || (int)e.StatusCode >= 500)
        {
            return Fill(results, 0, SendResult.Permanent($"SMTP refused the session: {(int)e.StatusCode} {e.Message}"));
        }
        catch (Exception e) when (IsTransient(e))
        {
            return Fill(results, 0, SendResult.Temporary($"SMTP server unreachable: {e.GetType().Name}: {e.Message}"));
        }

        for (var i = 0; i < messages.Count; i++)
        {
            try
            {
                await client.SendAsync(messages[i], cancellationToken);
                results[i] = SendResult.Ok;
                if (accepted is not null)
                {
                    await accepted(i);
                }
            }
            catch (SmtpCommandException e)
            {
                // The session survives a refused command; the next message can still go.
                var code = (int)e.StatusCode;
                results[i] = code >= 500
                    ? SendResult.Permanent($"{code} {e.Message}")
                    : SendResult.Temporary($"{code} {e.Message}");
            }
            catch (Exception e) when (IsTransient(e))
            {
                return Fill(results, i, SendResult.Temporary($"Connection lost: {e.GetType().Name}: {e.Message}"));
            }
        }

        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (IsTransient(e))
        {
            // Everything was accepted already; a failed QUIT changes nothing.
        }

        return results;
    }

    /// <summary>
    /// A connected socket with Nagle's algorithm off. MailKit writes a message's end ("\r\n.\r\n") apart from its
    /// body; with Nagle on, that small write waits for the server's delayed ACK (40 ms on Linux) before it leaves, so
    /// every email cost 40 ms and a burst went out at 20 a second. The client then owns the socket.
    /// </summary>
    private static async Task<Socket> ConnectSocketAsync(string host, int port, int timeoutSeconds, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, timeout.Token);
            return socket;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"Connecting to the SMTP server took longer than {timeoutSeconds} s.");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool IsTransient(Exception e) =>
        e is SocketException or IOException or TimeoutException or SmtpProtocolException or ServiceNotConnectedException
            or SslHandshakeException or OperationCanceledException or SmtpCommandException;

    private static SendResult[] Fill(SendResult[] results, int from, SendResult value)
    {
        for (var i = from; i < results.Length; i++)
        {
            results[i] = value;
        }

        return results;
    }
}
