using ConsentKit.Consent;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.Http;

/// <summary>
/// The checks every state-changing post to ConsentKit passes (a decision, an erasure): same origin,
/// a form or JSON body of a few kilobytes, and a valid antiforgery token unless the browser's Fetch
/// Metadata already proves the post came from this origin. A failed check is answered here.
/// </summary>
internal static class ConsentPostGuard
{
    // A decision is a handful of keys: anything bigger is not one.
    private const long MaxBodyBytes = 16 * 1024;

    /// <summary>Returns <see langword="true"/> when the post may go on; otherwise the problem response was written.</summary>
    public static async Task<bool> VerifyAsync(HttpContext context, ConsentKitServices services)
    {
        if (!RequestOrigin.IsSameOrigin(context.Request))
        {
            ConsentKitLog.CrossSiteDecisionRefused(services.Logger, context.Request.Headers.Origin, context.Request.Headers["Sec-Fetch-Site"]);
            await Problem(context, StatusCodes.Status403Forbidden, "Cross-site consent request refused", "Consent can only be given from a page of this site.");
            return false;
        }

        if (!context.Request.HasJsonContentType() && !context.Request.HasFormContentType)
        {
            await Problem(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported consent request", "Send the decision as a form post or as application/json.");
            return false;
        }

        var bodySize = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (bodySize is { IsReadOnly: false })
        {
            bodySize.MaxRequestBodySize = MaxBodyBytes;
        }

        if (!FetchMetadata.NeedsAntiforgeryToken(context.Request, services.Policy.Options))
        {
            return true; // the browser itself vouches that the post comes from a page of this origin
        }

        try
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                ConsentKitLog.AntiforgeryFailed(services.Logger);
                await Problem(context, StatusCodes.Status403Forbidden, "Consent request not verified", "The antiforgery token is missing or invalid. Reload the page and try again.");
                return false;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            ConsentKitLog.BadDecisionRequest(services.Logger, ex.Message);
            await Problem(context, StatusCodes.Status400BadRequest, "Malformed consent request", "The body could not be read as a consent decision.");
            return false;
        }

        return true;
    }

    /// <summary>Gets the request's consent feature, creating it where <c>UseConsentKit()</c> was left out of this branch of the pipeline.</summary>
    public static ConsentFeature GetOrCreateFeature(HttpContext context, ConsentKitServices services)
    {
        if (context.Features.Get<IConsentFeature>() is ConsentFeature existing)
        {
            return existing;
        }

        var feature = new ConsentFeature(context, services);
        context.Features.Set<IConsentFeature>(feature);
        context.Features.Set<ITrackingConsentFeature>(feature);
        return feature;
    }

    public static bool WantsJson(HttpRequest request)
    {
        if (request.HasJsonContentType())
        {
            return true;
        }

        foreach (var accept in request.GetTypedHeaders().Accept)
        {
            if (accept.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static Task Problem(HttpContext context, int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);
}
