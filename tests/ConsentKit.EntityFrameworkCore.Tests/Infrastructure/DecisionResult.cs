using System.Net;

namespace ConsentKit.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>The answer to one decision post.</summary>
internal readonly record struct DecisionResult(HttpStatusCode Status, string? ConsentId, bool SetsConsentCookie = false)
{
    public bool Acknowledged => Status == HttpStatusCode.OK && ConsentId is not null;
}
