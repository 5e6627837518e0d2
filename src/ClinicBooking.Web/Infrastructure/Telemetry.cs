using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>Configuration section <c>OpenTelemetry</c>: where traces and metrics go (nowhere when Endpoint is empty).</summary>
public sealed class TelemetrySettings
{
    public const string Section = "OpenTelemetry";

    /// <summary>The OTLP collector's base address (http://collector:4318 for http/protobuf, :4317 for grpc); empty = off.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary><c>http/protobuf</c> (default) or <c>grpc</c>.</summary>
    public string Protocol { get; set; } = "http/protobuf";

    public string ServiceName { get; set; } = "ClinicBooking";

    /// <summary>How often metrics are exported (OpenTelemetry's default: a minute).</summary>
    public TimeSpan MetricExportInterval { get; set; } = TimeSpan.FromMinutes(1);

    internal OtlpExportProtocol ExportProtocol => Protocol.Trim().ToLowerInvariant() switch
    {
        "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" or "" => OtlpExportProtocol.HttpProtobuf,
        _ => throw new InvalidOperationException("OpenTelemetry:Protocol must be grpc or http/protobuf."),
    };

    /// <summary>
    /// The address for one signal. Over HTTP each signal has its own path under the base (/v1/traces, /v1/metrics); an
    /// endpoint set in code is used as it is, so the path is added here. gRPC uses the base address.
    /// </summary>
    internal Uri SignalEndpoint(string signal) => ExportProtocol == OtlpExportProtocol.Grpc
        ? new Uri(Endpoint)
        : new Uri(Endpoint.TrimEnd('/') + "/v1/" + signal);
}

public static class TelemetryExtensions
{
    /// <summary>
    /// The app's Meter always (counting is nearly free); OpenTelemetry's providers, instrumentation and OTLP exporters
    /// only when OpenTelemetry:Endpoint is set, so an instance without a collector records no spans at all.
    /// </summary>
    public static WebApplicationBuilder AddClinicTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ClinicMetrics>();
        var settings = builder.Configuration.GetSection(TelemetrySettings.Section).Get<TelemetrySettings>() ?? new TelemetrySettings();
        if (string.IsNullOrWhiteSpace(settings.Endpoint))
        {
            return builder;
        }

        if (!Uri.TryCreate(settings.Endpoint, UriKind.Absolute, out _) || settings.MetricExportInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                "OpenTelemetry:Endpoint must be an absolute address such as http://collector:4318, and MetricExportInterval positive.");
        }

        var protocol = settings.ExportProtocol;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options =>
                {
                    // Load balancers probe these every few seconds: spans of no interest.
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/health");
                    // Exception messages can quote what a person typed; the span's error status is enough.
                    options.RecordException = false;
                })
                .AddHttpClientInstrumentation(options => options.RecordException = false)
                // OpenTelemetry's EF Core instrumentation (served as a beta only; EF Core 10 has no ActivitySource of
                // its own): the statement text with its placeholders, never parameter values (see TelemetryScrubber).
                .AddEntityFrameworkCoreInstrumentation()
                // Before the exporter, so every span is scrubbed before it is batched.
                .AddProcessor(new TelemetryScrubber())
                .AddOtlpExporter(otlp =>
                {
                    otlp.Protocol = protocol;
                    otlp.Endpoint = settings.SignalEndpoint("traces");
                }))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("Microsoft.EntityFrameworkCore")
                .AddMeter(ClinicMetrics.MeterName)
                .AddOtlpExporter((otlp, reader) =>
                {
                    otlp.Protocol = protocol;
                    otlp.Endpoint = settings.SignalEndpoint("metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds =
                        (int)Math.Min(int.MaxValue, settings.MetricExportInterval.TotalMilliseconds);
                }));
        return builder;
    }
}

/// <summary>
/// What a span must never carry out of the process, whatever the instrumentation's defaults or environment switches
/// (OTEL_DOTNET_EXPERIMENTAL_*_DISABLE_URL_QUERY_REDACTION, ..._EFCORE_ENABLE_TRACE_DB_QUERY_PARAMETERS) say: query
/// strings (they carry one-time tokens: password reset, email confirmation, calendar feeds) and SQL parameter values
/// (names, intake answers).
/// </summary>
internal sealed class TelemetryScrubber : BaseProcessor<System.Diagnostics.Activity>
{
    public override void OnEnd(System.Diagnostics.Activity activity)
    {
        List<string>? remove = null;
        foreach (var (key, _) in activity.TagObjects)
        {
            if (key is "url.query" or "http.target" || key.StartsWith("db.query.parameter.", StringComparison.Ordinal))
            {
                (remove ??= []).Add(key);
            }
        }

        foreach (var key in remove ?? [])
        {
            activity.SetTag(key, null);
        }

        foreach (var key in new[] { "url.full", "http.url" })
        {
            if (activity.GetTagItem(key) is string url && url.IndexOf('?', StringComparison.Ordinal) is var at and >= 0)
            {
                activity.SetTag(key, url[..at]);
            }
        }
    }
}
