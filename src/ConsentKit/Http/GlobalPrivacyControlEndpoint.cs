using Microsoft.AspNetCore.Http;

namespace ConsentKit.Http;

/// <summary>Serves <c>/.well-known/gpc.json</c>, the resource that says the site honours Global Privacy Control.</summary>
internal static class GlobalPrivacyControlEndpoint
{
    public static Task HandleAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "public, max-age=86400";
        return context.Response.WriteAsync("{\"gpc\":true}");
    }
}
