using ConsentKit.Consent;
using ConsentKit.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace ConsentKit.Http;

/// <summary>
/// <c>GET {EndpointPath}/records</c>: downloads, as a JSON file, every consent record of the consent id in the
/// visitor's own cookie (the rights of access and portability). Nobody can ask for another visitor's records here.
/// </summary>
internal static class ConsentRecordsEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices.GetRequiredService<ConsentKitServices>();
        var feature = ConsentPostGuard.GetOrCreateFeature(context, services);
        context.Response.Headers.CacheControl = "no-store";

        var store = context.RequestServices.GetService<IConsentRecordStore>();
        if (store is null)
        {
            await ConsentPostGuard.Problem(context, StatusCodes.Status404NotFound, "No consent records", "This site keeps no consent records.");
            return;
        }

        if (feature.ConsentId is not { } consentId)
        {
            await ConsentPostGuard.Problem(context, StatusCodes.Status404NotFound, "No consent records", "This browser has no consent decision, so there are no records of it.");
            return;
        }

        IReadOnlyList<ConsentRecord> records;
        try
        {
            records = await store.FindByConsentIdAsync(consentId, context.RequestAborted);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            ConsentKitLog.RecordStoreUnavailable(services.Logger, consentId, ex);
            await ConsentPostGuard.Problem(context, StatusCodes.Status503ServiceUnavailable, "Consent records unavailable", "Your consent records cannot be read right now. Please try again later.");
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment")
        {
            FileName = $"consent-records-{consentId}.json",
        }.ToString();
        context.Response.Headers.XContentTypeOptions = "nosniff";
        await ConsentRecordExport.WriteJsonAsync(context.Response.Body, records, context.RequestAborted);
    }
}
