using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ClinicBooking.IntegrationTests.Kit;

/// <summary>
/// A tiny OTLP/HTTP collector on loopback: keeps every POST's path and body (protobuf: attribute keys, span names,
/// metric names and string values appear in it as plain UTF-8) and answers 200.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _posts = new();

    private OtlpReceiver(HttpListener listener, string baseAddress)
    {
        _listener = listener;
        BaseAddress = baseAddress;
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>http://127.0.0.1:port, without a trailing slash (what OpenTelemetry:Endpoint takes).</summary>
    public string BaseAddress { get; }

    public IReadOnlyList<(string Path, byte[] Body)> Posts => _posts.ToArray();

    public static OtlpReceiver Start()
    {
        // HttpListener cannot bind port 0: take a free port from the OS, and try again should another test take it first.
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new OtlpReceiver(listener, $"http://127.0.0.1:{port}");
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
    }

    public IEnumerable<string> BodiesTo(string path) =>
        Posts.Where(p => p.Path == path).Select(p => Encoding.UTF8.GetString(p.Body));

    /// <summary>Waits until a POST to <paramref name="path"/> whose body holds <paramref name="text"/> has arrived.</summary>
    public async Task<bool> WaitForAsync(string path, string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (BodiesTo(path).Any(b => b.Contains(text, StringComparison.Ordinal)))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (context.Request.HttpMethod == "POST")
            {
                _posts.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
