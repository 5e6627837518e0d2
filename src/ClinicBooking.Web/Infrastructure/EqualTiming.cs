using ClinicBooking.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>
/// Whether someone has an account here is health information (they are, or were, a patient of this clinic). Pages
/// that would answer an unknown address faster than a known one (no password hash to check) do the same work for
/// it: one password hash with the clinic's real hasher, against a hash made once per process, and, where the known
/// address would write (a failed sign-in counts towards lockout), one comparable durable write.
/// </summary>
public sealed class EqualTiming(IPasswordHasher<ApplicationUser> hasher, ClinicDbContext db)
{
    private static readonly ApplicationUser Nobody = new();
    private static string? _hash;

    /// <summary>Checks <paramref name="password"/> against a fixed hash: the cost of a real password check.</summary>
    public void CheckPasswordOfNobody(string password)
    {
        _hash ??= hasher.HashPassword(Nobody, "a password that belongs to no account");
        hasher.VerifyHashedPassword(Nobody, _hash, password);
    }

    /// <summary>Hashes <paramref name="password"/> and throws the hash away: the cost of creating an account.</summary>
    public void HashForNobody(string password) => hasher.HashPassword(Nobody, password);

    /// <summary>
    /// One durable write (its own commit, fully synced, like the failed-attempt count Identity writes for a real
    /// account): bumps the single <see cref="TimingDecoy"/> row. One statement, so concurrent callers never conflict.
    /// </summary>
    public Task WriteForNobodyAsync() =>
        db.TimingDecoys.Where(d => d.Id == TimingDecoy.RowId).ExecuteUpdateAsync(s => s.SetProperty(d => d.Writes, d => d.Writes + 1));
}
