using ClinicBooking.IntegrationTests.Kit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicBooking.IntegrationTests.Security;

/// <summary>
/// Every route says who may use it. The fallback policy would catch a forgotten attribute (fail closed), but a
/// route nobody thought about is a route nobody reviewed: this list makes each one a decision.
/// </summary>
public sealed class SecurityRouteInventoryTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public void Every_endpoint_carries_an_explicit_policy_or_allow_anonymous()
    {
        var endpoints = EndpointInventory.All(_app);
        // Sanity: the list really holds each kind of endpoint, or the test below would pass on nothing.
        Assert.Contains(endpoints, e => e.DisplayName?.Contains("ClinicBooking.Web.Features", StringComparison.Ordinal) == true);
        Assert.Contains(endpoints, e => e.RoutePattern.RawText?.Contains("Identity/Account/Login", StringComparison.Ordinal) == true);
        Assert.Contains(endpoints, e => e.RoutePattern.RawText?.Contains("Identity/Account/Manage", StringComparison.Ordinal) == true);
        foreach (var health in new[] { "health", "health/live", "health/ready" })
        {
            Assert.Contains(endpoints, e => e.RoutePattern.RawText?.TrimStart('/') == health);
        }

        Assert.Contains(endpoints, EndpointInventory.IsHangfire);
        Assert.Contains(endpoints, EndpointInventory.IsFallback);

        var unmarked = endpoints.Where(e => !EndpointInventory.HasExplicitAccessRule(e)).Select(EndpointInventory.Describe).ToList();
        Assert.True(unmarked.Count == 0, "Endpoints without [Authorize(...)] or [AllowAnonymous]:\n" + string.Join('\n', unmarked));
    }

    [Fact]
    public async Task Every_named_policy_an_endpoint_asks_for_exists()
    {
        var policies = _app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var names = EndpointInventory.All(_app).SelectMany(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>())
            .Select(a => a.Policy).Where(p => !string.IsNullOrEmpty(p)).Distinct().ToList();
        Assert.NotEmpty(names);
        foreach (var name in names)
        {
            Assert.True(await policies.GetPolicyAsync(name!) is not null, $"No policy named {name}");
        }
    }

    [Fact]
    public async Task The_fallback_policy_requires_a_signed_in_user()
    {
        var fallback = await _app.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync();
        Assert.NotNull(fallback);
        Assert.Contains(fallback.Requirements, r => r is DenyAnonymousAuthorizationRequirement);
    }

    [Fact]
    public void Account_management_and_sign_out_need_a_signed_in_user_and_the_sign_in_pages_are_open()
    {
        var endpoints = EndpointInventory.All(_app);
        bool Open(string path) => endpoints.Where(e => e.RoutePattern.RawText?.TrimStart('/') == path)
            .All(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0);

        foreach (var path in new[] { "Identity/Account/Login", "Identity/Account/Register", "Identity/Account/ForgotPassword",
                     "Identity/Account/ResetPassword", "Identity/Account/ConfirmEmail", "Identity/Account/ResendEmailConfirmation" })
        {
            Assert.True(Open(path), $"{path} should be open to anonymous visitors");
        }

        var manage = endpoints.Where(e => e.RoutePattern.RawText?.StartsWith("Identity/Account/Manage", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(manage);
        Assert.All(manage, e => Assert.True(e.Metadata.GetMetadata<IAllowAnonymous>() is null
                                            && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0, EndpointInventory.Describe(e)));
    }
}
