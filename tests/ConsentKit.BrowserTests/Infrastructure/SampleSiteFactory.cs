using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConsentKit.BrowserTests.Infrastructure;

/// <summary>The sample's own Program, unchanged but for quiet logs and throw-away Data Protection keys.</summary>
internal sealed class SampleSiteFactory : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The factory runs the site in Development, as `dotnet run` does; its console logs would only drown the test output.
        builder.ConfigureLogging(logging => logging.ClearProviders());
        builder.ConfigureTestServices(services =>
        {
            // Keys in memory: the run leaves nothing behind and never reads a developer's key ring.
            services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        });
    }
}
