using System.Text.Json;
using ConsentKit.Consent;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace ConsentKit.Http;

/// <summary>
/// Handles the POST of the banner: "accept all", "reject all" or "save these categories".
/// A plain form post is answered with a 303 back to the (local) page it came from; a request
/// that sends or accepts JSON gets the new state as JSON. Cross-site posts are refused.
/// </summary>
internal static class ConsentDecisionEndpoint
{
    // A decision is a handful of keys: anything bigger is not one.
    private const long MaxBodyBytes = 16 * 1024;

    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices.GetRequiredService<ConsentKitServices>();
        var feature = GetOrCreateFeature(context, services);
        context.Response.Headers.CacheControl = "no-store";

        if (!RequestOrigin.IsSameOrigin(context.Request))
        {
            ConsentKitLog.CrossSiteDecisionRefused(services.Logger, context.Request.Headers.Origin, context.Request.Headers["Sec-Fetch-Site"]);
            await Problem(context, StatusCodes.Status403Forbidden, "Cross-site consent request refused", "Consent can only be given from a page of this site.");
            return;
        }

        var isJson = context.Request.HasJsonContentType();
        if (!isJson && !context.Request.HasFormContentType)
        {
            await Problem(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported consent request", "Send the decision as a form post or as application/json.");
            return;
        }

        var bodySize = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (bodySize is { IsReadOnly: false })
        {
            bodySize.MaxRequestBodySize = MaxBodyBytes;
        }

        DecisionRequest? request;
        try
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                ConsentKitLog.AntiforgeryFailed(services.Logger);
                await Problem(context, StatusCodes.Status403Forbidden, "Consent request not verified", "The antiforgery token is missing or invalid. Reload the page and try again.");
                return;
            }

            request = isJson ? await ReadJsonAsync(context) : await ReadFormAsync(context);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or BadHttpRequestException or IOException)
        {
            ConsentKitLog.BadDecisionRequest(services.Logger, ex.Message);
            await Problem(context, StatusCodes.Status400BadRequest, "Malformed consent request", "The body could not be read as a consent decision.");
            return;
        }

        if (!TryGetGrantedMask(request, services.Policy, feature.GrantedMask, out var action, out var mask, out var error))
        {
            ConsentKitLog.BadDecisionRequest(services.Logger, error);
            await Problem(context, StatusCodes.Status400BadRequest, "Invalid consent decision", error);
            return;
        }

        var outcome = feature.Decide(action, mask);
        var decision = outcome.Decision;
        ConsentKitLog.DecisionRecorded(services.Logger, action, decision.ConsentId, string.Join(',', services.Policy.KeysOf(decision.GrantedMask)));

        if (isJson || WantsJson(context.Request))
        {
            await context.Response.WriteAsJsonAsync(
                ConsentStateResponse.From(outcome, services.Policy),
                ConsentKitJsonContext.Default.ConsentStateResponse);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = LocalRedirect.Resolve(request!.ReturnUrl, context.Request.PathBase);
    }

    private static ConsentFeature GetOrCreateFeature(HttpContext context, ConsentKitServices services)
    {
        if (context.Features.Get<IConsentFeature>() is ConsentFeature existing)
        {
            return existing;
        }

        // MapConsentKit() works even where UseConsentKit() was left out of this branch of the pipeline.
        var feature = new ConsentFeature(context, services);
        context.Features.Set<IConsentFeature>(feature);
        context.Features.Set<ITrackingConsentFeature>(feature);
        return feature;
    }

    private static async Task<DecisionRequest?> ReadJsonAsync(HttpContext context)
    {
        var body = await JsonSerializer.DeserializeAsync(
            context.Request.Body,
            ConsentKitJsonContext.Default.DecisionRequest,
            context.RequestAborted);
        return body;
    }

    private static async Task<DecisionRequest?> ReadFormAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        return new DecisionRequest
        {
            Action = form["action"],
            Categories = form["categories"].ToArray()!,
            ReturnUrl = form["returnUrl"],
        };
    }

    private static bool TryGetGrantedMask(DecisionRequest? request, ConsentPolicy policy, ulong currentMask, out ConsentAction action, out ulong mask, out string error)
    {
        action = default;
        mask = 0;
        error = "";
        switch (request?.Action)
        {
            case "accept-all":
                action = ConsentAction.AcceptAll;
                mask = policy.AllMask;
                return true;
            case "reject-all":
                action = ConsentAction.RejectAll;
                mask = policy.RequiredMask;
                return true;
            case "save" or "grant":
                // "grant" adds to what is granted (a placeholder's button); "save" replaces it.
                action = ConsentAction.Custom;
                mask = request.Action == "grant" ? currentMask : policy.RequiredMask;
                foreach (var key in request.Categories ?? [])
                {
                    if (!policy.TryGetCategory(key, out var category))
                    {
                        error = $"Unknown category '{key}'. Known categories: {string.Join(", ", policy.Categories.Select(c => c.Key))}.";
                        return false;
                    }

                    mask |= category.Bit;
                }

                return true;
            default:
                error = "The field 'action' must be one of 'accept-all', 'reject-all', 'save' or 'grant'.";
                return false;
        }
    }

    private static bool WantsJson(HttpRequest request)
    {
        foreach (var accept in request.GetTypedHeaders().Accept)
        {
            if (accept.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static Task Problem(HttpContext context, int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);
}
