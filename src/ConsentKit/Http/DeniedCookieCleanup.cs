using ConsentKit.Consent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ConsentKit.Http;

/// <summary>
/// Expires, from the server, the cookies of categories (and services) a decision denies, for every configured domain
/// and path, so that HttpOnly and parent-domain cookies that browser scripts cannot remove go too.
/// </summary>
internal static class DeniedCookieCleanup
{
    public static void ExpireDeniedCookies(HttpContext context, ConsentPolicy policy, ulong grantedMask, ulong deniedServicesMask, ILogger logger)
    {
        if ((grantedMask & policy.AllMask) == policy.AllMask && deniedServicesMask == 0)
        {
            return;
        }

        foreach (var cookie in context.Request.Cookies)
        {
            var declared = policy.Cookies.Find(cookie.Key);
            if (declared is null || declared.IsAllowed(grantedMask, deniedServicesMask))
            {
                continue;
            }

            var path = declared.Declaration.Path;
            context.Response.Cookies.Delete(cookie.Key, new CookieOptions { Path = path });
            foreach (var domain in declared.Declaration.Domains)
            {
                context.Response.Cookies.Delete(cookie.Key, new CookieOptions { Path = path, Domain = domain });
            }

            ConsentKitLog.DeniedCookieExpired(logger, cookie.Key, declared.Category.Key);
        }
    }
}
