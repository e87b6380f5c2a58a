using ConsentKit.Consent;
using ConsentKit.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.Http;

/// <summary>
/// <c>POST {EndpointPath}/erase</c>: erases every consent record of the consent id in the visitor's own cookie
/// and clears the cookie, so the visitor is asked again (the right to erasure). Same checks as a decision.
/// A form post is answered with a 303 back to its page; a JSON request with the number of records erased.
/// </summary>
internal static class ConsentEraseEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices.GetRequiredService<ConsentKitServices>();
        var feature = ConsentPostGuard.GetOrCreateFeature(context, services);
        context.Response.Headers.CacheControl = "no-store";

        if (!await ConsentPostGuard.VerifyAsync(context, services))
        {
            return;
        }

        var erased = 0;
        if (feature.ConsentId is { } consentId)
        {
            if (context.RequestServices.GetService<IConsentRecordStore>() is { } store)
            {
                try
                {
                    // Records still waiting in this instance's outbox go in first, so none comes back after the erasure.
                    await context.RequestServices.GetRequiredService<ConsentRecorder>().FlushOutboxAsync(store, CancellationToken.None);
                    erased = await store.EraseByConsentIdAsync(consentId, CancellationToken.None);
                }
                catch (Exception ex)
                {
                    // The cookie stays, so the visitor can try again with the same consent id.
                    ConsentKitLog.RecordStoreUnavailable(services.Logger, consentId, ex);
                    await ConsentPostGuard.Problem(context, StatusCodes.Status503ServiceUnavailable, "Consent records not erased", "Your consent records cannot be erased right now. Please try again later.");
                    return;
                }
            }

            ConsentKitLog.RecordsErased(services.Logger, erased, consentId);
        }

        var cookie = services.Policy.Options.Cookie;
        context.Response.Cookies.Delete(cookie.Name, new CookieOptions { Path = cookie.Path, Domain = cookie.Domain });

        if (ConsentPostGuard.WantsJson(context.Request))
        {
            await context.Response.WriteAsJsonAsync(new ConsentEraseResponse { Erased = erased }, ConsentRecordJsonContext.Default.ConsentEraseResponse);
            return;
        }

        var returnUrl = context.Request.HasFormContentType ? (string?)context.Request.Form["returnUrl"] : null;
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = LocalRedirect.Resolve(returnUrl, context.Request.PathBase);
    }
}
