using ConsentKit.Configuration;

namespace ConsentKit.Consent;

/// <summary>A declared cookie name (or name prefix), and the category and service it belongs to.</summary>
internal sealed record DeclaredCookie(string Name, ConsentCategory Category, ConsentService Service, ConsentCookieDeclaration Declaration)
{
    /// <summary>Gets whether the cookie may be set under these grants: its category granted and its service not refused.</summary>
    public bool IsAllowed(ulong grantedMask, ulong deniedServicesMask) =>
        (grantedMask & Category.Bit) != 0 && (deniedServicesMask & Service.Bit) == 0;
}
