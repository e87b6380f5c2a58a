using System.Collections.Concurrent;
using ConsentKit.EntityFrameworkCore.Tests.Infrastructure;
using ConsentKit.Records;
using Microsoft.EntityFrameworkCore;

namespace ConsentKit.EntityFrameworkCore.Tests;

/// <summary>
/// The sample runs as a child process and is killed (SIGKILL) while visitors decide: every decision it
/// acknowledged must be in the database afterwards.
/// </summary>
[Collection(SampleProcessCollection.Name)]
public sealed class SampleCrashTests
{
    private const int MaxDecisions = 600;
    private const int KillAfterAcknowledged = 80;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Decide_ServerKilledMidway_EveryAcknowledgedDecisionIsInTheDatabase(string provider)
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var workDirectory = TempDirectory.Create("crash");
        var settings = SampleSettings.For(database, Path.Combine(workDirectory, "outbox"));
        var acknowledged = new ConcurrentBag<string>();

        await using (var sample = await SampleProcess.StartAsync(settings))
        {
            using var http = sample.CreateHttpClient();
            var client = new DecisionClient(http);
            await client.InitializeAsync("/");
            using var killed = new CancellationTokenSource();

            var visitors = Parallel.ForAsync(0, MaxDecisions, new ParallelOptions { MaxDegreeOfParallelism = 6, CancellationToken = killed.Token }, async (i, ct) =>
            {
                try
                {
                    var result = await client.DecideAsync(i % 2 == 0 ? "accept-all" : "reject-all", cancellationToken: ct);
                    if (result.Acknowledged)
                    {
                        acknowledged.Add(result.ConsentId!);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or OperationCanceledException or IOException)
                {
                    // In flight when the process died: not acknowledged, so nothing was promised.
                }
            });

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (acknowledged.Count < KillAfterAcknowledged && DateTime.UtcNow < deadline && !visitors.IsCompleted)
            {
                await Task.Delay(5, cancellation);
            }

            sample.Kill();
            await killed.CancelAsync();
            try
            {
                await visitors;
            }
            catch (OperationCanceledException)
            {
            }
        }

        Assert.True(acknowledged.Count >= KillAfterAcknowledged, $"only {acknowledged.Count} decisions were acknowledged before the kill");
        Assert.True(acknowledged.Count < MaxDecisions, "the process was killed after every decision: the test proved nothing");

        // A restart replays whatever a dying store call left in the outbox.
        await using (var restarted = await SampleProcess.StartAsync(settings))
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (await MissingAsync(database, acknowledged) > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellation);
            }
        }

        Assert.Equal(0, await MissingAsync(database, acknowledged));
        TempDirectory.Delete(workDirectory);
    }

    private static async Task<int> MissingAsync(TestDatabase database, IEnumerable<string> consentIds)
    {
        await using var db = database.CreateContext();
        var stored = (await db.Set<ConsentRecord>().AsNoTracking().Select(r => r.ConsentId).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        return consentIds.Count(id => !stored.Contains(id));
    }
}
