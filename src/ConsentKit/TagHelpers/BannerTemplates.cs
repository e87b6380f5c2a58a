using System.Collections.Concurrent;
using ConsentKit.Configuration;
using ConsentKit.Localization;

namespace ConsentKit.TagHelpers;

/// <summary>The banner's markup for one state, split where the form's per-request fields go.</summary>
/// <param name="Head">From the banner's opening tag to the form's opening tag.</param>
/// <param name="Tail">From after the form's per-request fields to the end of the cookie list.</param>
internal sealed record BannerTemplate(string Head, string Tail);

/// <summary>
/// The banner's markup per state, built once. A page renders the banner on every request and almost all of it
/// (every category, service and cookie, in the visitor's language) is the same for everyone in the same state;
/// building it each time was most of what ConsentKit cost a page.
/// </summary>
internal sealed class BannerTemplates
{
    // States are few (languages × granted combinations × a few flags), so this rarely fills; when it does,
    // banners are still right, only built per request.
    private const int MaxTemplates = 1024;

    private readonly ConcurrentDictionary<Key, BannerTemplate> _templates = new();
    private int _count;

    public BannerTemplate Get(ConsentRenderContext context, Func<ConsentRenderContext, BannerTemplate> build)
    {
        var feature = context.Feature;
        var decided = feature.HasDecided;
        var key = new Key(
            context.Texts,
            context.EndpointUrl,
            feature.GrantedMask,
            feature.DeniedServicesMask,
            decided,
            feature.Mode == ConsentMode.OptOut,
            !decided && feature.HasGlobalPrivacyControl,
            decided && context.RecordsKept);
        if (_templates.TryGetValue(key, out var template))
        {
            return template;
        }

        template = build(context);
        if (Volatile.Read(ref _count) < MaxTemplates && _templates.TryAdd(key, template))
        {
            Interlocked.Increment(ref _count);
        }

        return template;
    }

    // Everything the template's markup depends on besides the configuration, which does not change while the app runs.
    private readonly record struct Key(
        LocalizedTexts Texts,
        string EndpointUrl,
        ulong Granted,
        ulong DeniedServices,
        bool Decided,
        bool OptOut,
        bool GlobalPrivacyControlNote,
        bool RecordsLinks);
}
