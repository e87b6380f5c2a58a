using ConsentKit.Configuration;

namespace ConsentKit.EntityFrameworkCore.Tests.Core;

public sealed class ConsentRecordOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds() =>
        Assert.True(new ConsentRecordOptionsValidator().Validate(null, new ConsentKitOptions()).Succeeded);

    [Fact]
    public void Validate_BadSettings_NamesEveryKeyAtFault()
    {
        var options = new ConsentKitOptions();
        options.Records.Retention = TimeSpan.FromHours(1);
        options.Records.PurgeInterval = TimeSpan.FromSeconds(1);
        options.Records.OutboxDirectory = " ";
        options.Records.StoreTimeout = TimeSpan.FromMinutes(5);
        options.Records.IpAddress = (IpAddressRecording)42;

        var result = new ConsentRecordOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToArray();
        Assert.Equal(5, failures.Length);
        Assert.Contains(failures, f => f.StartsWith("ConsentKit:Records:Retention ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("ConsentKit:Records:PurgeInterval ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("ConsentKit:Records:OutboxDirectory ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("ConsentKit:Records:StoreTimeout ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("ConsentKit:Records:IpAddress ", StringComparison.Ordinal));
    }
}
