using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ClinicBooking.IntegrationTests.Kit;

/// <summary>
/// A real SMTP server on 127.0.0.1 (the SmtpServer package). Tests read what arrived, wait for a message, and
/// can make the next deliveries fail with a chosen reply code.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly Store _store = new();
    private readonly bool _rejectAuthentication;
    private CancellationTokenSource _stop = new();
    private Task _running;

    public TestSmtpServer(bool rejectAuthentication = false)
    {
        _rejectAuthentication = rejectAuthentication;
        Port = FreeLoopbackPort();
        _running = Start();
    }

    private Task Start()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("test-smtp.local")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).AllowUnsecureAuthentication(_rejectAuthentication))
            .Build();
        var services = new ServiceProvider();
        services.Add(_store);
        if (_rejectAuthentication)
        {
            services.Add(new RejectEveryone());
        }

        return new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    /// <summary>Stops listening (the port refuses connections) until <see cref="ResumeAsync"/>.</summary>
    public async Task PauseAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
    }

    public Task ResumeAsync()
    {
        _stop = new CancellationTokenSource();
        _running = Start();
        return Task.CompletedTask;
    }

    private sealed class RejectEveryone : SmtpServer.Authentication.IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken) =>
            Task.FromResult(false);
    }

    public int Port { get; }

    public IReadOnlyCollection<MimeMessage> Messages => _store.Messages.ToArray();

    /// <summary>The next <paramref name="count"/> messages are refused with <paramref name="code"/>.</summary>
    public void FailNext(int count, SmtpReplyCode code) => _store.Fail(count, code);

    public async Task<MimeMessage> WaitForMessageAsync(Func<MimeMessage, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            var found = _store.Messages.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException(
            $"No matching email arrived; {_store.Messages.Count} arrived: " +
            string.Join(", ", _store.Messages.Select(m => $"'{m.Subject}' to {m.To}")));
    }

    public Task<MimeMessage> WaitForMessageToAsync(string address, TimeSpan? timeout = null) =>
        WaitForMessageAsync(m => m.To.Mailboxes.Any(x => x.Address.Equals(address, StringComparison.OrdinalIgnoreCase)),
            timeout);

    public async ValueTask DisposeAsync()
    {
        await PauseAsync();
        _stop.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store : MessageStore
    {
        private readonly Lock _gate = new();
        private int _failuresLeft;
        private SmtpReplyCode _failure;

        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public void Fail(int count, SmtpReplyCode code)
        {
            lock (_gate)
            {
                _failuresLeft = count;
                _failure = code;
            }
        }

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (_failuresLeft > 0)
                {
                    _failuresLeft--;
                    return new SmtpResponse(_failure, "Refused by the test server");
                }
            }

            await using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
