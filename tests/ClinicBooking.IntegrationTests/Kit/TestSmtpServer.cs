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

    /// <param name="rejectAuthentication">Refuse every sign-in attempt.</param>
    /// <param name="noDelay">
    /// Accept connections with Nagle's algorithm off, as a real mail server's replies arrive: with it on (the package's
    /// default) each reply written in two pieces waits for the client's delayed ACK, about 40 ms on Linux loopback, so
    /// the sink would set the pace of a burst (50 ms an email). Plain SMTP only (no STARTTLS).
    /// </param>
    public TestSmtpServer(bool rejectAuthentication = false, bool noDelay = false)
    {
        _rejectAuthentication = rejectAuthentication;
        _noDelay = noDelay;
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
        if (_noDelay)
        {
            services.Add(new NoDelayListenerFactory());
        }

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

    private readonly bool _noDelay;

    private sealed class NoDelayListenerFactory : SmtpServer.Net.IEndpointListenerFactory
    {
        public SmtpServer.Net.IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new System.Net.Sockets.TcpListener(endpointDefinition.Endpoint);
            listener.Start();
            return new NoDelayListener(listener);
        }
    }

    private sealed class NoDelayListener(System.Net.Sockets.TcpListener listener) : SmtpServer.Net.IEndpointListener
    {
        public async Task<SmtpServer.IO.ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            return new PlainPipe(client);
        }

        public void Dispose() => listener.Stop();
    }

    private sealed class PlainPipe(System.Net.Sockets.TcpClient client) : SmtpServer.IO.ISecurableDuplexPipe
    {
        public System.IO.Pipelines.PipeReader Input { get; } = System.IO.Pipelines.PipeReader.Create(client.GetStream());
        public System.IO.Pipelines.PipeWriter Output { get; } = System.IO.Pipelines.PipeWriter.Create(client.GetStream());
        public bool IsSecure => false;
        public System.Security.Authentication.SslProtocols SslProtocol => System.Security.Authentication.SslProtocols.None;

        public Task UpgradeAsync(System.Security.Cryptography.X509Certificates.X509Certificate certificate,
            System.Security.Authentication.SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("This test server speaks plain SMTP only.");

        public void Dispose() => client.Dispose();
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
