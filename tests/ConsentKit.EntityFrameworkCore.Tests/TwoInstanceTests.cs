using System.Net;
using ConsentKit.EntityFrameworkCore.Tests.Infrastructure;
using ConsentKit.Records;
using Microsoft.EntityFrameworkCore;

namespace ConsentKit.EntityFrameworkCore.Tests;

/// <summary>
/// Two sample processes behind an imaginary load balancer: shared Data Protection keys (a shared key directory,
/// the same application name) and one PostgreSQL database.
/// </summary>
[Collection(SampleProcessCollection.Name)]
public sealed class TwoInstanceTests
{
    [Fact]
    public async Task Decide_OnTwoInstancesSharingKeysAndDatabase_EachHonoursTheOthersCookieAndBothWriteOneTable()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync("Postgres");
        var workDirectory = TempDirectory.Create("two-instances");
        var keys = Path.Combine(workDirectory, "keys");
        await using var first = await SampleProcess.StartAsync(SampleSettings.For(database, Path.Combine(workDirectory, "outbox-a"), keys));
        using var firstHttp = first.CreateHttpClient();
        var onFirst = new DecisionClient(firstHttp);
        await onFirst.InitializeAsync("/"); // creates the key ring before the second instance reads it
        await using var second = await SampleProcess.StartAsync(SampleSettings.For(database, Path.Combine(workDirectory, "outbox-b"), keys));
        using var secondHttp = second.CreateHttpClient();
        var onSecond = new DecisionClient(secondHttp);
        await onSecond.InitializeAsync("/");

        // A visitor accepts on the first instance; the second reads the cookie and records the withdrawal under the same consent id.
        var accepted = await onFirst.DecideAsync("accept-all", keepCookie: true, cancellationToken: cancellation);
        onSecond.ConsentCookie = onFirst.ConsentCookie;
        using var page = await onSecond.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync(cancellation);
        var withdrawn = await onSecond.DecideAsync("reject-all", keepCookie: true, cancellationToken: cancellation);

        Assert.True(accepted.Acknowledged);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-state=\"decided\"", html, StringComparison.Ordinal);
        Assert.True(withdrawn.Acknowledged);
        Assert.Equal(accepted.ConsentId, withdrawn.ConsentId);

        // Both instances take decisions at once, into the same table.
        await Parallel.ForAsync(0, 100, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellation }, async (i, ct) =>
        {
            var result = await (i % 2 == 0 ? onFirst : onSecond).DecideAsync("accept-all", cancellationToken: ct);
            Assert.True(result.Acknowledged, $"decision {i} answered {result.Status}");
        });

        await using var db = database.CreateContext();
        var records = await db.Set<ConsentRecord>().AsNoTracking().ToListAsync(cancellation);
        Assert.Equal(102, records.Count);
        var visitor = records.Where(r => r.ConsentId == accepted.ConsentId).OrderBy(r => r.RecordedAt).ToArray();
        Assert.Equal([ConsentAction.AcceptAll, ConsentAction.Withdrawal], visitor.Select(r => r.Action));
        Assert.Single(Directory.GetFiles(keys, "key-*.xml"));
        TempDirectory.Delete(workDirectory);
    }
}
