namespace ConsentKit.Http;

/// <summary>The body of a decision post, from a form or from JSON.</summary>
internal sealed class DecisionRequest
{
    /// <summary>Gets or sets <c>accept-all</c>, <c>reject-all</c>, <c>save</c> or <c>grant</c>.</summary>
    public string? Action { get; set; }

    /// <summary>Gets or sets the granted category keys when <see cref="Action"/> is <c>save</c> or <c>grant</c>.</summary>
    public string[]? Categories { get; set; }

    /// <summary>
    /// Gets or sets the granted services of the categories that offer a choice per service, when <see cref="Action"/>
    /// is <c>save</c>; <see langword="null"/> refuses none.
    /// </summary>
    public string[]? Services { get; set; }

    /// <summary>Gets or sets the local URL to return to after a form post.</summary>
    public string? ReturnUrl { get; set; }
}
