using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClinicBooking.IntegrationTests.Kit;

/// <summary>
/// Counts the durable writes EF sends while handling requests that carry the header <see cref="Header"/> (so the
/// outbox pump and Hangfire, running beside them, are not counted): each write statement run on its own (SQLite
/// commits it, with a full sync) and each transaction that holds at least one write count once. Add it to
/// <see cref="ClinicAppFactory.DbInterceptors"/>. Tests compare the work two paths do with it instead of timing them.
/// </summary>
public sealed class WriteCounter : DbCommandInterceptor
{
    public const string Header = "X-Test-Count-Writes";

    /// <summary>Set by the test host's middleware for a request with <see cref="Header"/>; flows to all it awaits.</summary>
    internal static readonly AsyncLocal<bool> CountedRequest = new();

    private readonly HashSet<DbTransaction> _transactions = new(ReferenceEqualityComparer.Instance);
    private readonly List<string> _statements = [];
    private int _commits;

    /// <summary>Commits that wrote something: autocommitted write statements plus transactions with a write.</summary>
    public int Commits => _commits;

    /// <summary>The write statements themselves (first words), for a helpful failure message.</summary>
    public IReadOnlyList<string> Statements
    {
        get
        {
            lock (_statements)
            {
                return _statements.ToList();
            }
        }
    }

    public void Reset()
    {
        lock (_statements)
        {
            _statements.Clear();
            _transactions.Clear();
            _commits = 0;
        }
    }

    private void Count(DbCommand command)
    {
        if (!CountedRequest.Value)
        {
            return;
        }

        var text = command.CommandText.TrimStart();
        var write = text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
                    || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || text.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase);
        if (!write)
        {
            return;
        }

        lock (_statements)
        {
            _statements.Add(text.Length > 60 ? text[..60] : text);
            if (command.Transaction is null || _transactions.Add(command.Transaction))
            {
                _commits++;
            }
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Count(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }
}

/// <summary>Marks requests that carry <see cref="WriteCounter.Header"/> as counted (installed by every test host).</summary>
internal sealed class WriteCounterMarker : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        Microsoft.AspNetCore.Builder.UseExtensions.Use(app, (context, nextMiddleware) =>
        {
            WriteCounter.CountedRequest.Value = context.Request.Headers.ContainsKey(WriteCounter.Header);
            return nextMiddleware(context);
        });
        next(app);
    };
}
