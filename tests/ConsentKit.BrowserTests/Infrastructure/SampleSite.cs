using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.BrowserTests.Infrastructure;

/// <summary>
/// The sample site, in this process, on real Kestrel at http://127.0.0.1 with a port the OS picks,
/// so that a real browser can reach it. Shared by the tests of one collection.
/// </summary>
public sealed class SampleSite : IAsyncLifetime
{
    private readonly SampleSiteFactory _factory = new();

    /// <summary>Gets the site's root address, such as <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    public ValueTask InitializeAsync()
    {
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();

        var addresses = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var address = addresses.Single();
        var uri = new Uri(address);
        if (uri.Port == 0 || !IPAddress.IsLoopback(IPAddress.Parse(uri.Host)))
        {
            throw new InvalidOperationException($"Kestrel should listen on a loopback address with a real port, but listens on '{address}'.");
        }

        BaseUrl = uri.GetLeftPart(UriPartial.Authority);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
