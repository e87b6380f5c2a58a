using System.Text.Json;
using ConsentKit.Consent;
using ConsentKit.Records;
using Microsoft.AspNetCore.Http;
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
    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices.GetRequiredService<ConsentKitServices>();
        var feature = ConsentPostGuard.GetOrCreateFeature(context, services);
        context.Response.Headers.CacheControl = "no-store";

        if (!await ConsentPostGuard.VerifyAsync(context, services))
        {
            return;
        }

        var isJson = context.Request.HasJsonContentType();
        DecisionRequest? request;
        try
        {
            request = isJson ? await ReadJsonAsync(context) : await ReadFormAsync(context);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or BadHttpRequestException or IOException)
        {
            ConsentKitLog.BadDecisionRequest(services.Logger, ex.Message);
            await Problem(context, StatusCodes.Status400BadRequest, "Malformed consent request", "The body could not be read as a consent decision.");
            return;
        }

        if (!TryGetGrantedMask(request, services.Policy, feature.GrantedMask, out var action, out var mask, out var error)
            || !TryGetDeniedServices(request!, services.Policy, feature.DeniedServicesMask, out var deniedServices, out error))
        {
            ConsentKitLog.BadDecisionRequest(services.Logger, error);
            await Problem(context, StatusCodes.Status400BadRequest, "Invalid consent decision", error);
            return;
        }

        var previous = feature.Decision;
        var outcome = feature.Decide(action, mask, deniedServices);
        var decision = outcome.Decision;

        // Acknowledge only once the record is durable (in the store, or else in the local outbox).
        var recorder = context.RequestServices.GetRequiredService<ConsentRecorder>();
        if (!await recorder.RecordAsync(context, previous, decision, outcome.RecordedAction, request!.ReturnUrl))
        {
            context.Response.Headers.Remove(HeaderNames.SetCookie);
            await Problem(context, StatusCodes.Status503ServiceUnavailable, "Consent not saved", "Your choice could not be saved. Please try again in a moment.");
            return;
        }

        ConsentKitLog.DecisionRecorded(services.Logger, action, decision.ConsentId, string.Join(',', services.Policy.GrantedKeys(decision.GrantedMask, decision.DeniedServicesMask)));

        if (ConsentPostGuard.WantsJson(context.Request))
        {
            await context.Response.WriteAsJsonAsync(
                ConsentStateResponse.From(outcome, services.Policy),
                ConsentKitJsonContext.Default.ConsentStateResponse);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = LocalRedirect.Resolve(request.ReturnUrl, context.Request.PathBase);
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
            Services = form.ContainsKey("services") ? form["services"].Where(key => !string.IsNullOrEmpty(key)).Select(key => key!).ToArray() : null,
            ReturnUrl = form["returnUrl"],
        };
    }

    /// <summary>
    /// Works out the services refused one by one. A "save" that lists services (the banner's form always does)
    /// refuses the unlisted services of every category that offers the choice; without a list nothing is refused.
    /// "grant" keeps earlier refusals, except in the categories it grants now; the other actions refuse none.
    /// </summary>
    private static bool TryGetDeniedServices(DecisionRequest request, ConsentPolicy policy, ulong currentDenied, out ulong denied, out string error)
    {
        denied = 0;
        error = "";
        var listed = 0UL;
        foreach (var key in request.Services ?? [])
        {
            if (!policy.TryGetService(key, out var service, out _))
            {
                error = $"Unknown service '{key}'. Known services: {string.Join(", ", policy.Categories.SelectMany(c => c.Services).Select(s => s.Key))}.";
                return false;
            }

            listed |= service.Bit;
        }

        switch (request.Action)
        {
            case "save" when request.Services is not null:
                denied = policy.Categories.Where(c => c.HasServiceChoices).Aggregate(0UL, (mask, c) => mask | c.ServicesMask) & ~listed;
                break;
            case "grant":
                var regranted = policy.Categories
                    .Where(c => request.Categories?.Contains(c.Key, StringComparer.OrdinalIgnoreCase) == true)
                    .Aggregate(0UL, (mask, c) => mask | c.ServicesMask);
                denied = currentDenied & ~regranted;
                break;
        }

        return true;
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

    private static Task Problem(HttpContext context, int status, string title, string detail) =>
        ConsentPostGuard.Problem(context, status, title, detail);
}
