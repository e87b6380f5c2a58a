using ConsentKit.Configuration;
using ConsentKit.Consent;
using ConsentKit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ConsentKit.Records;

/// <summary>Builds the consent record of a decision from the request it was made in.</summary>
internal sealed class ConsentRecordFactory
{
    private readonly ConsentPolicy _policy;
    private readonly TimeProvider _time;
    private readonly ConsentRecordOptions _options;
    private readonly Lazy<string> _policyHash;

    public ConsentRecordFactory(ConsentPolicy policy, TimeProvider time, IOptions<ConsentKitOptions> options)
    {
        _policy = policy;
        _time = time;
        _options = options.Value.Records;
        _policyHash = new Lazy<string>(() => ConsentPolicyHash.Compute(policy));
    }

    /// <summary>Gets the hash of the texts shown under the current policy.</summary>
    public string PolicyHash => _policyHash.Value;

    public ConsentRecord Create(HttpContext context, ConsentDecision? previous, ConsentDecision decision, ConsentAction action, string? returnUrl)
    {
        var withdrawn = previous is null ? 0 : previous.GrantedMask & ~decision.GrantedMask & _policy.OptionalMask;
        if (withdrawn != 0 && action is ConsentAction.AcceptAll or ConsentAction.RejectAll or ConsentAction.Custom)
        {
            action = ConsentAction.Withdrawal;
        }

        var userAgent = context.Request.Headers.UserAgent.ToString();
        return new ConsentRecord
        {
            Id = Guid.CreateVersion7(_time.GetUtcNow()),
            ConsentId = decision.ConsentId,
            RecordedAt = _time.GetUtcNow(),
            PolicyRevision = decision.Revision,
            PolicyHash = PolicyHash,
            Granted = _policy.GrantedKeys(decision.GrantedMask, decision.DeniedServicesMask),
            Denied = _policy.DeniedKeys(decision.GrantedMask, decision.DeniedServicesMask),
            Action = action,
            PageUrl = PageUrlOf(context.Request, returnUrl),
            UserAgent = userAgent.Length == 0 ? null : userAgent[..Math.Min(userAgent.Length, ConsentRecordOptions.MaxUserAgentLength)],
            IpAddress = IpAddressTruncation.Apply(context.Connection.RemoteIpAddress, _options.IpAddress),
        };
    }

    // The local path only: never another site's URL, never a query string (it may carry personal data).
    internal static string? PageUrlOf(HttpRequest request, string? returnUrl)
    {
        if (LocalRedirect.IsLocal(returnUrl))
        {
            return PathOnly(returnUrl!);
        }

        var referer = request.Headers[HeaderNames.Referer].ToString();
        if (Uri.TryCreate(referer, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            return PathOnly(uri.AbsolutePath);
        }

        return null;
    }

    private static string PathOnly(string url)
    {
        var end = url.AsSpan().IndexOfAny('?', '#');
        var path = end < 0 ? url : url[..end];
        return path.Length > 2048 ? path[..2048] : path;
    }
}
