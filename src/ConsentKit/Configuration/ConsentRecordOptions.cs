namespace ConsentKit.Configuration;

/// <summary>
/// Settings of the consent records: one record per decision, kept as proof of consent
/// (<c>ConsentKit:Records</c> in configuration). Records are kept only when a store is registered,
/// for example with <c>AddConsentKit().AddEntityFrameworkCoreStore&lt;TContext&gt;()</c>.
/// </summary>
public sealed class ConsentRecordOptions
{
    /// <summary>The longest text of a user agent kept in a record; longer ones are cut.</summary>
    public const int MaxUserAgentLength = 512;

    /// <summary>Gets or sets how the visitor's IP address is kept in a record.</summary>
    /// <value>Defaults to <see cref="IpAddressRecording.Truncated"/> (IPv4 /24, IPv6 /48).</value>
    public IpAddressRecording IpAddress { get; set; } = IpAddressRecording.Truncated;

    /// <summary>
    /// Gets or sets how long records are kept. Older ones are purged in the background.
    /// Three years covers the usual limitation period in which a site may have to prove consent,
    /// while a decision itself lasts at most 13 months.
    /// </summary>
    /// <value>Defaults to 1095 days (three years); at least one day.</value>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(1095);

    /// <summary>Gets or sets how often records older than <see cref="Retention"/> are purged.</summary>
    /// <value>Defaults to one day; at least one minute.</value>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Gets or sets the directory of the outbox: an append-only file where a record goes, flushed to disk,
    /// when the store cannot take it (the database is unreachable). The outbox is replayed into the store
    /// when it is back. Relative paths are relative to the application's content root.
    /// Each instance needs a directory on a persistent disk; instances may share one.
    /// </summary>
    /// <value>Defaults to <c>App_Data/consentkit-outbox</c> under the content root.</value>
    public string OutboxDirectory { get; set; } = Path.Combine("App_Data", "consentkit-outbox");

    /// <summary>Gets or sets how often the outbox is replayed into the store.</summary>
    /// <value>Defaults to 10 seconds; between 100 milliseconds and one hour.</value>
    public TimeSpan OutboxReplayInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets how long the decision endpoint waits for the store before it writes the record to the outbox instead.
    /// </summary>
    /// <value>Defaults to 5 seconds; between 100 milliseconds and one minute.</value>
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
