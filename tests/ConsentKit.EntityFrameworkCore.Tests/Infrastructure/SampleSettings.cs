namespace ConsentKit.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>The configuration the sample process gets through environment variables.</summary>
internal static class SampleSettings
{
    public static Dictionary<string, string> For(TestDatabase database, string outboxDirectory, string? keysDirectory = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Sample:Database"] = database.Provider,
            ["ConnectionStrings:ConsentRecords"] = database.ConnectionString,
            ["ConsentKit:Records:OutboxDirectory"] = outboxDirectory,
            ["ConsentKit:Records:OutboxReplayInterval"] = "00:00:00.2",
        };
        if (keysDirectory is not null)
        {
            settings["Sample:DataProtectionKeysPath"] = keysDirectory;
        }

        return settings;
    }
}
