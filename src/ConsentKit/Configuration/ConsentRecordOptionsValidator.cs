using Microsoft.Extensions.Options;

namespace ConsentKit.Configuration;

/// <summary>Validates <see cref="ConsentKitOptions.Records"/> at start-up; each message names the key at fault and the fix.</summary>
internal sealed class ConsentRecordOptionsValidator : IValidateOptions<ConsentKitOptions>
{
    private const string Section = ConsentKitOptions.SectionName + ":Records";

    public ValidateOptionsResult Validate(string? name, ConsentKitOptions options)
    {
        var records = options.Records;
        var errors = new List<string>();
        if (!Enum.IsDefined(records.IpAddress))
        {
            errors.Add($"{Section}:IpAddress '{records.IpAddress}' is not a known setting. Use Truncated (the default), Full or None.");
        }

        if (records.Retention < TimeSpan.FromDays(1))
        {
            errors.Add($"{Section}:Retention '{records.Retention}' is too short to prove anything. Use at least '1.00:00:00'; the default is '1095.00:00:00' (three years).");
        }

        if (records.PurgeInterval < TimeSpan.FromMinutes(1))
        {
            errors.Add($"{Section}:PurgeInterval '{records.PurgeInterval}' is shorter than one minute. Use for example '1.00:00:00' (daily, the default).");
        }

        if (string.IsNullOrWhiteSpace(records.OutboxDirectory) || records.OutboxDirectory.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add($"{Section}:OutboxDirectory '{records.OutboxDirectory}' is not a usable directory. Use a path on a persistent disk, for example 'App_Data/consentkit-outbox' (the default).");
        }

        if (records.OutboxReplayInterval < TimeSpan.FromMilliseconds(100) || records.OutboxReplayInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"{Section}:OutboxReplayInterval '{records.OutboxReplayInterval}' must be between '00:00:00.1' and '01:00:00'. The default is '00:00:10'.");
        }

        if (records.StoreTimeout < TimeSpan.FromMilliseconds(100) || records.StoreTimeout > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{Section}:StoreTimeout '{records.StoreTimeout}' must be between '00:00:00.1' and '00:01:00'. The default is '00:00:05'.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
