using ClinicBooking.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>
/// Identity's <see cref="UserManager{TUser}"/> reads the wall clock for lockout; this one reads the injected
/// <see cref="TimeProvider"/> so lockout follows the same clock as everything else (and tests can move it).
/// </summary>
public sealed class ClinicUserManager(
    IUserStore<ApplicationUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<ApplicationUser> passwordHasher,
    IEnumerable<IUserValidator<ApplicationUser>> userValidators,
    IEnumerable<IPasswordValidator<ApplicationUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<ApplicationUser>> logger,
    TimeProvider clock)
    : UserManager<ApplicationUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators,
        keyNormalizer, errors, services, logger)
{
    private IUserLockoutStore<ApplicationUser> LockoutStore =>
        Store as IUserLockoutStore<ApplicationUser>
        ?? throw new NotSupportedException("The user store does not support lockout.");

    public override async Task<bool> IsLockedOutAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.DeactivatedUtc is not null)
        {
            // A deactivated account stays shut whatever its lockout settings, and a password reset does not open it.
            return true;
        }

        if (!await LockoutStore.GetLockoutEnabledAsync(user, CancellationToken))
        {
            return false;
        }

        var lockoutEnd = await LockoutStore.GetLockoutEndDateAsync(user, CancellationToken);
        return lockoutEnd >= clock.GetUtcNow();
    }

    /// <summary>A successful password reset also ends a lockout: the sign-in page offers the reset as the way out.</summary>
    public override async Task<IdentityResult> ResetPasswordAsync(ApplicationUser user, string token, string newPassword)
    {
        var result = await base.ResetPasswordAsync(user, token, newPassword);
        if (result.Succeeded && SupportsUserLockout)
        {
            await LockoutStore.SetLockoutEndDateAsync(user, null, CancellationToken);
            await LockoutStore.ResetAccessFailedCountAsync(user, CancellationToken);
            return await UpdateUserAsync(user);
        }

        return result;
    }

    /// <summary>
    /// Losing a role ends every session at once: the new security stamp fails the check a staff cookie gets on
    /// every request, and the next sign-in carries only the roles left.
    /// </summary>
    public override async Task<IdentityResult> RemoveFromRoleAsync(ApplicationUser user, string role)
    {
        var result = await base.RemoveFromRoleAsync(user, role);
        return result.Succeeded ? await UpdateSecurityStampAsync(user) : result;
    }

    public override async Task<IdentityResult> RemoveFromRolesAsync(ApplicationUser user, IEnumerable<string> roles)
    {
        var result = await base.RemoveFromRolesAsync(user, roles);
        return result.Succeeded ? await UpdateSecurityStampAsync(user) : result;
    }

    /// <summary>
    /// Staff sessions are checked against the security stamp on every request, and Identity UI's set-up pages change
    /// the stamp without renewing the cookie: the first authenticator key and switching two-step sign-in on would sign
    /// the person out in the middle of setting it up (and lose their recovery codes). Neither needs to end a session:
    /// both make the account stronger. Replacing a key and switching two-step sign-in off still change the stamp.
    /// </summary>
    public override async Task<IdentityResult> ResetAuthenticatorKeyAsync(ApplicationUser user)
    {
        if (await GetAuthenticatorKeyAsync(user) is not null)
        {
            return await base.ResetAuthenticatorKeyAsync(user);
        }

        var store = (IUserAuthenticatorKeyStore<ApplicationUser>)Store;
        await store.SetAuthenticatorKeyAsync(user, GenerateNewAuthenticatorKey(), CancellationToken);
        return await UpdateUserAsync(user);
    }

    /// <inheritdoc cref="ResetAuthenticatorKeyAsync"/>
    public override async Task<IdentityResult> SetTwoFactorEnabledAsync(ApplicationUser user, bool enabled)
    {
        if (!enabled)
        {
            return await base.SetTwoFactorEnabledAsync(user, enabled);
        }

        var store = (IUserTwoFactorStore<ApplicationUser>)Store;
        await store.SetTwoFactorEnabledAsync(user, true, CancellationToken);
        return await UpdateUserAsync(user);
    }

    /// <summary>Shuts a staff account: no sign-in, and every open session ends on its next request.</summary>
    public async Task<IdentityResult> DeactivateAsync(ApplicationUser user)
    {
        user.DeactivatedUtc = clock.GetUtcNow().UtcDateTime;
        return await UpdateSecurityStampAsync(user);
    }

    public async Task<IdentityResult> ReactivateAsync(ApplicationUser user)
    {
        user.DeactivatedUtc = null;
        return await UpdateSecurityStampAsync(user);
    }

    public override async Task<IdentityResult> AccessFailedAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var count = await LockoutStore.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count >= Options.Lockout.MaxFailedAccessAttempts)
        {
            await LockoutStore.SetLockoutEndDateAsync(
                user, clock.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
            await LockoutStore.ResetAccessFailedCountAsync(user, CancellationToken);
        }

        return await UpdateUserAsync(user);
    }
}
