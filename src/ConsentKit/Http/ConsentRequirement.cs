using ConsentKit.Consent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.Http;

/// <summary>The check behind <c>RequireConsent()</c> and <c>[RequiresConsent]</c>: one rule, one answer.</summary>
internal static class ConsentRequirement
{
    public static bool IsMet(HttpContext context, string category) => context.GetConsent().IsGranted(category);

    public static IResult Refusal(HttpContext context, string category, int statusCode)
    {
        ConsentKitLog.EndpointConsentMissing(context.RequestServices.GetRequiredService<ConsentKitServices>().Logger, category);
        context.Response.Headers.CacheControl = "no-store";
        return statusCode == StatusCodes.Status204NoContent
            ? TypedResults.NoContent()
            : TypedResults.Problem(
                statusCode: statusCode,
                title: "Consent required",
                detail: $"This endpoint needs the visitor's consent to '{category}', which has not been given.");
    }
}
