using ConsentKit.Configuration;

namespace ConsentKit.Consent;

/// <summary>A declared cookie name (or name prefix) and the category it belongs to.</summary>
internal sealed record DeclaredCookie(string Name, ConsentCategory Category, ConsentCookieDeclaration Declaration);
