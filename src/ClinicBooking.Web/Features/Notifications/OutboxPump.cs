namespace ClinicBooking.Web.Features.Notifications;

/// <summary>
/// Wakes this instance's outbox dispatcher the moment an email is committed (<see cref="Outbox.Kick"/>), and lets one
/// dispatch run at a time in this instance: the pump's, Hangfire's sweep or a direct call wait for each other, so a
/// caller whose dispatch returns knows that everything due when it started has been dealt with. Across instances the
/// dispatcher's claims keep rows from being sent twice.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Held while a dispatch runs in this instance.</summary>
    public SemaphoreSlim Running { get; } = new(1, 1);

    /// <summary>Asks for a dispatch run soon; wakes that arrive during a run ask for one more run after it.</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A run is already asked for; it will see this email too.
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) => _wake.WaitAsync(cancellationToken);
}

/// <summary>
/// Runs the dispatcher whenever <see cref="OutboxSignal"/> is woken, so a confirmation reaches the mail server within
/// a second or two of the booking's commit. Hangfire's one-minute sweep stays as the safety net: after a crash, for
/// retries that fall due later, and for emails another instance committed.
/// </summary>
public sealed class OutboxPump(OutboxSignal signal, IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<OutboxOptions> options,
    ILogger<OutboxPump> logger) : BackgroundService
{
    /// <summary>
    /// How long a wake waits for the emails committed just after it: a busy hour's bookings go out in batches (one
    /// claim and one save each, fewer turns at the write lock) and still reach the mail server within a second.
    /// </summary>
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (options.Value.PollInterval is { } poll)
                {
                    // Woken, or the poll is due: either way a run (Outbox:PollInterval).
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    timeout.CancelAfter(poll);
                    try
                    {
                        await signal.WaitAsync(timeout.Token);
                        await Task.Delay(Gather, stoppingToken);
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                    }
                }
                else
                {
                    await signal.WaitAsync(stoppingToken);
                    await Task.Delay(Gather, stoppingToken);
                }

                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The rows stay due; the next wake or the sweep takes them. Never the content: only the failure.
                logger.LogError(e, "The outbox dispatch after a new email failed; the one-minute sweep will retry.");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
