using System.Text;
using ClinicBooking.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>
/// Lifespans of the links Identity emails: a password reset (and a new staff member's "set your password", which is
/// a reset) works for 2 hours, an address confirmation for 24 hours. Both die at once when the security stamp
/// changes, so a reset link works only once (resetting changes the stamp).
/// </summary>
public static class ClinicTokenProviders
{
    public static readonly TimeSpan ResetLifespan = TimeSpan.FromHours(2);
    public static readonly TimeSpan ConfirmEmailLifespan = TimeSpan.FromHours(24);
    public static TimeSpan LongestLifespan => ResetLifespan > ConfirmEmailLifespan ? ResetLifespan : ConfirmEmailLifespan;

    public const string ConfirmEmailProvider = "ClinicConfirmEmail";

    /// <summary>Replaces Identity's default token provider and adds one for email confirmation, both on the injected clock.</summary>
    public static IServiceCollection AddClinicTokenProviders(this IServiceCollection services)
    {
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = ResetLifespan);
        services.Configure<ConfirmEmailTokenProviderOptions>(o =>
        {
            o.Name = ConfirmEmailProvider;
            o.TokenLifespan = ConfirmEmailLifespan;
        });
        services.AddTransient<ClinicTokenProvider>();
        services.AddTransient<ConfirmEmailTokenProvider>();
        services.Configure<IdentityOptions>(o =>
        {
            o.Tokens.ProviderMap[TokenOptions.DefaultProvider] = new TokenProviderDescriptor(typeof(ClinicTokenProvider));
            o.Tokens.ProviderMap[ConfirmEmailProvider] = new TokenProviderDescriptor(typeof(ConfirmEmailTokenProvider));
            o.Tokens.EmailConfirmationTokenProvider = ConfirmEmailProvider;
        });
        return services;
    }
}

public sealed class ConfirmEmailTokenProviderOptions : DataProtectionTokenProviderOptions;

/// <summary>
/// Identity's <see cref="DataProtectorTokenProvider{TUser}"/> (same token layout: creation time, user id, purpose,
/// security stamp, protected), but it reads the injected <see cref="TimeProvider"/> instead of the wall clock, so
/// lifespans follow the app's clock (and tests can move it).
/// </summary>
public class ClinicTokenProvider(
    IDataProtectionProvider dataProtection,
    IOptions<DataProtectionTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<ApplicationUser>> logger,
    TimeProvider clock)
    : DataProtectorTokenProvider<ApplicationUser>(dataProtection, options, logger)
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false, true);

    public override async Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        using var stream = new MemoryStream();
        await using (var writer = new BinaryWriter(stream, Utf8, leaveOpen: true))
        {
            writer.Write(clock.GetUtcNow().UtcTicks);
            writer.Write(await manager.GetUserIdAsync(user));
            writer.Write(purpose ?? "");
            writer.Write(manager.SupportsUserSecurityStamp ? await manager.GetSecurityStampAsync(user) : "");
        }

        return Convert.ToBase64String(Protector.Protect(stream.ToArray()));
    }

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        try
        {
            var unprotected = Protector.Unprotect(Convert.FromBase64String(token));
            using var reader = new BinaryReader(new MemoryStream(unprotected), Utf8, leaveOpen: false);
            var created = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            if (created + Options.TokenLifespan < clock.GetUtcNow())
            {
                return false;
            }

            if (reader.ReadString() != await manager.GetUserIdAsync(user) || reader.ReadString() != purpose)
            {
                return false;
            }

            var stamp = reader.ReadString();
            if (reader.PeekChar() != -1)
            {
                return false;
            }

            return manager.SupportsUserSecurityStamp ? stamp == await manager.GetSecurityStampAsync(user) : stamp == "";
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException
                                      or EndOfStreamException or IOException or DecoderFallbackException)
        {
            // A mangled, foreign or truncated token is simply not valid.
            return false;
        }
    }
}

/// <summary>The same provider under its own name and options: confirmation links live 24 hours.</summary>
public sealed class ConfirmEmailTokenProvider(
    IDataProtectionProvider dataProtection,
    IOptions<ConfirmEmailTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<ApplicationUser>> logger,
    TimeProvider clock)
    : ClinicTokenProvider(dataProtection, options, logger, clock);
