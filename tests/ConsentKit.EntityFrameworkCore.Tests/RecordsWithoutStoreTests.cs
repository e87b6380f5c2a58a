using System.Net;
using ConsentKit.EntityFrameworkCore.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace ConsentKit.EntityFrameworkCore.Tests;

public sealed class RecordsWithoutStoreTests
{
    [Fact]
    public async Task Decide_NoStoreRegistered_HonoursTheDecisionAndWarnsOnceAtStartUp()
    {
        await using var host = await RecordsTestHost.StartAsync(database: null);
        var client = host.CreateClient();
        await client.InitializeAsync("/token");

        var first = await client.DecideAsync("accept-all", cancellationToken: TestContext.Current.CancellationToken);
        var second = await client.DecideAsync("reject-all", cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(first.Acknowledged);
        Assert.True(second.Acknowledged);
        Assert.Single(host.Logs.Entries, e => e.Id.Id == 20 && e.Level == LogLevel.Warning);
        using var records = await client.GetAsync("/_consent/records");
        Assert.Equal(HttpStatusCode.NotFound, records.StatusCode);
    }
}
