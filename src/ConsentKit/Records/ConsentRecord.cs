namespace ConsentKit.Records;

/// <summary>
/// The proof of one consent decision: who (a random consent id, never a name), when, under which
/// policy and texts, what was granted and denied, how, and from where.
/// </summary>
public sealed class ConsentRecord
{
    /// <summary>Gets or sets the record's unique id. Appending the same id twice keeps one record.</summary>
    public Guid Id { get; set; }

    /// <summary>Gets or sets the consent id carried by the visitor's consent cookie; it links a visitor's decisions.</summary>
    public string ConsentId { get; set; } = "";

    /// <summary>Gets or sets when the decision was made (UTC).</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Gets or sets the policy revision (<c>ConsentKit:Revision</c>) the visitor decided on.</summary>
    public int PolicyRevision { get; set; }

    /// <summary>
    /// Gets or sets the SHA-256 (lowercase hex) of what the visitor was shown: the revision, the banner texts
    /// and the categories' keys, titles and descriptions. Equal hashes mean equal texts.
    /// </summary>
    public string PolicyHash { get; set; } = "";

    /// <summary>Gets or sets the keys of the granted categories, required ones included.</summary>
    public IReadOnlyList<string> Granted { get; set; } = [];

    /// <summary>Gets or sets the keys of the denied categories.</summary>
    public IReadOnlyList<string> Denied { get; set; } = [];

    /// <summary>Gets or sets how the decision was given.</summary>
    public ConsentAction Action { get; set; }

    /// <summary>Gets or sets the local path of the page the decision was made on, without query string, if known.</summary>
    public string? PageUrl { get; set; }

    /// <summary>Gets or sets the visitor's user agent, cut to <see cref="Configuration.ConsentRecordOptions.MaxUserAgentLength"/> characters.</summary>
    public string? UserAgent { get; set; }

    /// <summary>Gets or sets the visitor's IP address, as much of it as <c>ConsentKit:Records:IpAddress</c> keeps.</summary>
    public string? IpAddress { get; set; }
}
