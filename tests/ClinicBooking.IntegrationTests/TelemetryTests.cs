using System.Diagnostics.Metrics;
using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ClinicBooking.IntegrationTests;

/// <summary>
/// OpenTelemetry: traces and metrics go to the OTLP endpoint when one is configured (a real receiver on loopback
/// here), nothing is set up when none is, and the clinic's own counters move with what happens.
/// </summary>
public sealed class TelemetryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Sums what this host's ClinicBooking instruments record (other hosts in the process have their own Meter).</summary>
    private sealed class ClinicMeasurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, double> _totals = new();
        private readonly Dictionary<string, double> _last = new();

        public ClinicMeasurements(ClinicAppFactory app)
        {
            var meter = app.Services.GetRequiredService<ClinicMetrics>().Meter;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Record(instrument.Name, value));
            _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Record(instrument.Name, value));
            _listener.Start();
        }

        private void Record(string name, double value)
        {
            lock (_totals)
            {
                _totals[name] = _totals.GetValueOrDefault(name) + value;
                _last[name] = value;
            }
        }

        public double Total(string name)
        {
            lock (_totals)
            {
                return _totals.GetValueOrDefault(name);
            }
        }

        /// <summary>Collects the observable instruments now and returns the gauge's latest value.</summary>
        public double? Observe(string name)
        {
            _listener.RecordObservableInstruments();
            lock (_totals)
            {
                return _last.TryGetValue(name, out var value) ? value : null;
            }
        }

        public void Dispose() => _listener.Dispose();
    }

    [Fact]
    public async Task With_an_endpoint_requests_are_exported_as_traces_and_metrics_over_otlp_http_without_query_strings_or_sql_values()
    {
        await using var receiver = OtlpReceiver.Start();
        await using var app = new ClinicAppFactory
        {
            Settings =
            {
                ["OpenTelemetry:Endpoint"] = receiver.BaseAddress,
                ["OpenTelemetry:MetricExportInterval"] = "00:00:01",
                ["OpenTelemetry:ServiceName"] = "clinic-under-test",
            },
        };
        var client = app.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        // A one-time token in a query string, and a person's name as a SQL parameter: neither may leave the process.
        await client.GetAsync("/Identity/Account/ResetPassword?code=TOKENCANARY42");
        await app.SeedPatientWithIntakeAsync("zebra.quill@example.com", "Zebracanary Quill", IntakeKit.CalmAnswers(app.Today()));
        Assert.True(app.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));

        Assert.True(await receiver.WaitForAsync("/v1/traces", "ResetPassword", Patience), "no trace of the request reached /v1/traces");
        Assert.True(await receiver.WaitForAsync("/v1/traces", "clinic-under-test", Patience), "the service name was not exported");
        // EF Core's spans carry the statement text (with placeholders).
        Assert.True(await receiver.WaitForAsync("/v1/traces", "INSERT INTO", Patience), "no EF Core statement was exported");
        Assert.True(await receiver.WaitForAsync("/v1/metrics", "http.server.request.duration", Patience), "no metrics reached /v1/metrics");

        var exported = string.Join("\n", receiver.BodiesTo("/v1/traces").Concat(receiver.BodiesTo("/v1/metrics")));
        Assert.DoesNotContain("TOKENCANARY42", exported, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url.query", exported, StringComparison.Ordinal);
        Assert.DoesNotContain("Zebracanary", exported, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("zebra.quill", exported, StringComparison.OrdinalIgnoreCase);
        // Load balancers' probes are not traced. (ASP.NET Core's activity source is process-wide, so this provider also
        // sees the other hosts' requests, /intake/health among them: the probe's own path is what must be missing.)
        await client.GetAsync("/health/ready");
        app.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000);
        Assert.DoesNotContain(receiver.BodiesTo("/v1/traces"), b => b.Contains("/health/ready", StringComparison.Ordinal));
    }

    [Fact]
    public void The_scrubber_drops_query_strings_and_sql_parameter_values_whatever_the_instrumentation_recorded()
    {
        using var activity = new System.Diagnostics.Activity("test");
        activity.SetTag("url.path", "/Identity/Account/ResetPassword");
        activity.SetTag("url.query", "?code=Redacted");
        activity.SetTag("http.target", "/Identity/Account/ResetPassword?code=secret");
        activity.SetTag("url.full", "https://api.example.com/v1/check?token=secret");
        activity.SetTag("db.query.text", "SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"NormalizedEmail\" = @p0");
        activity.SetTag("db.query.parameter.p0", "SOMEONE@EXAMPLE.COM");

        new TelemetryScrubber().OnEnd(activity);

        Assert.Equal(["db.query.text", "url.full", "url.path"], activity.TagObjects.Select(t => t.Key).Order());
        Assert.Equal("https://api.example.com/v1/check", activity.GetTagItem("url.full"));
    }

    [Theory]
    [InlineData("http/protobuf", "http://collector:4318/", "http://collector:4318/v1/traces")]
    [InlineData("", "http://collector:4318", "http://collector:4318/v1/traces")]
    [InlineData("grpc", "http://collector:4317", "http://collector:4317/")]
    public void Over_http_each_signal_goes_to_its_path_under_the_endpoint_and_grpc_uses_the_endpoint_as_it_is(
        string protocol, string endpoint, string traces)
    {
        var settings = new TelemetrySettings { Protocol = protocol, Endpoint = endpoint };
        Assert.Equal(new Uri(traces), settings.SignalEndpoint("traces"));
        Assert.Throws<InvalidOperationException>(() => new TelemetrySettings { Protocol = "http/json", Endpoint = endpoint }.SignalEndpoint("traces"));
    }

    [Fact]
    public async Task The_clinic_meter_is_exported_with_the_rest()
    {
        await using var receiver = OtlpReceiver.Start();
        await using var app = new ClinicAppFactory
        {
            Settings = { ["OpenTelemetry:Endpoint"] = receiver.BaseAddress, ["OpenTelemetry:MetricExportInterval"] = "00:00:01" },
        };
        var patient = await app.StaffAsync("pat@clinic.test");
        await patient.BookFirstFreeAsync(BookingKit.Ben, BookingKit.FutureWeekday(app));
        Assert.True(app.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));

        Assert.True(await receiver.WaitForAsync("/v1/metrics", "clinic.bookings", Patience), "clinic.bookings was not exported");
        Assert.True(await receiver.WaitForAsync("/v1/metrics", "clinic.outbox.backlog_age", Patience), "the backlog gauge was not exported");
    }

    [Fact]
    public async Task Without_an_endpoint_no_tracer_or_meter_provider_is_set_up_and_the_clinic_meter_still_counts()
    {
        await using var app = new ClinicAppFactory();
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowserlikeClient().GetAsync("/")).StatusCode);
        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
        Assert.DoesNotContain(app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(),
            s => s.GetType().FullName?.StartsWith("OpenTelemetry", StringComparison.Ordinal) == true);
        Assert.NotNull(app.Services.GetRequiredService<ClinicMetrics>().Meter);
    }

    [Fact]
    public async Task A_booking_raises_clinic_bookings_and_a_time_already_taken_raises_booking_conflicts()
    {
        await using var app = new ClinicAppFactory();
        using var measured = new ClinicMeasurements(app);
        var first = await app.StaffAsync("pat@clinic.test");
        var second = await app.StaffAsync((await app.CreatePatientsAsync(1, "second"))[0]);
        var slot = (await first.FreeAsync(BookingKit.FollowUp, BookingKit.Ben, BookingKit.FutureWeekday(app)))[0];

        Assert.Equal(HttpStatusCode.Redirect, (await first.BookAsync(BookingKit.FollowUp, BookingKit.Ben, slot.Start)).StatusCode);
        Assert.Equal(1, measured.Total("clinic.bookings"));
        Assert.Equal(0, measured.Total("clinic.booking_conflicts"));

        // The same submit again is the same visit, not a second booking.
        await first.BookAsync(BookingKit.FollowUp, BookingKit.Ben, slot.Start);
        Assert.Equal(1, measured.Total("clinic.bookings"));

        Assert.Equal(HttpStatusCode.Conflict, (await second.BookAsync(BookingKit.FollowUp, BookingKit.Ben, slot.Start)).StatusCode);
        Assert.Equal(1, measured.Total("clinic.booking_conflicts"));
        Assert.Equal(1, measured.Total("clinic.bookings"));
    }

    [Fact]
    public async Task The_email_counters_add_what_they_are_given()
    {
        await using var app = new ClinicAppFactory();
        using var measured = new ClinicMeasurements(app);
        var metrics = app.Services.GetRequiredService<ClinicMetrics>();
        metrics.EmailsSent(3);
        metrics.EmailsSent(0);
        metrics.EmailsFailed(2);
        Assert.Equal(3, measured.Total("clinic.emails.sent"));
        Assert.Equal(2, measured.Total("clinic.emails.failed"));
    }

    [Fact]
    public async Task The_backlog_gauge_reports_how_long_the_oldest_due_email_has_waited_in_seconds()
    {
        await using var app = new ClinicAppFactory { HangfireServer = false };
        using var measured = new ClinicMeasurements(app);
        Assert.Equal(0, measured.Observe("clinic.outbox.backlog_age"));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            var now = app.Clock.GetUtcNow().UtcDateTime;
            db.Outbox.Add(OutboxMessage.Plain(OutboxKind.PractitionerDigest, "someone@example.com", now.AddSeconds(-90), now.AddSeconds(-90)));
            await db.SaveChangesAsync();
        }

        // Read at most every few seconds (however often collected): the new row shows within that.
        var deadline = DateTime.UtcNow + Patience;
        double? age = 0;
        while (age == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            age = measured.Observe("clinic.outbox.backlog_age");
        }

        Assert.Equal(90, age);
    }
}
