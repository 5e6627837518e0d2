using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using MimeKit.Utils;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ClinicBooking.Bench;

/// <summary>
/// An SMTP server on 127.0.0.1 that accepts everything and appends one line per message to a log: the Unix time it
/// was received (end of DATA) and its Message-ID. The bench counts the IDs (nothing lost, nothing twice) and joins
/// them with the outbox to time each email from booking to receipt.
/// </summary>
public static class SmtpSink
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var port = options.Int("port", 0);
        await using var log = new StreamWriter(options.Require("log"), append: true) { AutoFlush = true };
        var smtp = new SmtpServerOptionsBuilder()
            .ServerName("bench-sink.local")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new LoggingStore(log));
        services.Add(new NoDelayListenerFactory());
        await new SmtpServer.SmtpServer(smtp, services).StartAsync(CancellationToken.None);
        return 0;
    }

    /// <summary>
    /// Accepts connections with Nagle's algorithm off. With it on (the package's default) each reply written in two
    /// pieces waits for the client's delayed ACK, about 40 ms on Linux loopback: the sink, not the sender, would set
    /// the pace.
    /// </summary>
    private sealed class NoDelayListenerFactory : IEndpointListenerFactory
    {
        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new TcpListener(endpointDefinition.Endpoint);
            listener.Start();
            return new NoDelayListener(listener);
        }
    }

    private sealed class NoDelayListener(TcpListener listener) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            return new PlainPipe(client);
        }

        public void Dispose() => listener.Stop();
    }

    /// <summary>The connection as pipes; no STARTTLS (the app is configured with Security None for the sink).</summary>
    private sealed class PlainPipe(TcpClient client) : ISecurableDuplexPipe
    {
        public PipeReader Input { get; } = PipeReader.Create(client.GetStream());
        public PipeWriter Output { get; } = PipeWriter.Create(client.GetStream());
        public bool IsSecure => false;
        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The bench sink speaks plain SMTP only.");

        public void Dispose() => client.Dispose();
    }

    private sealed class LoggingStore(StreamWriter log) : MessageStore
    {
        private readonly Lock _gate = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var received = (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds;
            // Only the headers are parsed: the sink must cost as little as possible, for the app and for smtplib alike.
            await using var stream = new MemoryStream(buffer.ToArray());
            var headers = await HeaderList.LoadAsync(stream, cancellationToken);
            var id = headers[HeaderId.MessageId] is { } raw ? MimeUtils.EnumerateReferences(raw).FirstOrDefault() ?? raw.Trim() : "";
            lock (_gate)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{received:F6}\t{id}"));
            }

            return SmtpResponse.Ok;
        }
    }
}
