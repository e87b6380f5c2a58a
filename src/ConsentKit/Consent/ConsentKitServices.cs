using ConsentKit.Http;
using ConsentKit.Localization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsentKit.Consent;

/// <summary>The singletons a request needs, bundled so the per-request feature holds one reference.</summary>
internal sealed class ConsentKitServices
{
    public ConsentKitServices(ConsentPolicy policy, ConsentCookieCodec codec, TimeProvider time, ILoggerFactory loggerFactory, IHostEnvironment? environment = null)
    {
        Policy = policy;
        Codec = codec;
        Time = time;
        Logger = loggerFactory.CreateLogger("ConsentKit");
        CookieGate = new CookieGate(this, warnOnUndeclared: environment?.IsDevelopment() ?? false);
        Texts = new ConsentTextsProvider(policy);
    }

    public ConsentPolicy Policy { get; }

    public ConsentCookieCodec Codec { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public CookieGate CookieGate { get; }

    public ConsentTextsProvider Texts { get; }

    /// <summary>Gets the banner's markup per visitor state, built once.</summary>
    public TagHelpers.TemplateCache<TagHelpers.BannerMarkup.TemplateKey> BannerTemplates { get; } = new();

    /// <summary>Gets the embed placeholders' markup per language, category and service, built once.</summary>
    public TagHelpers.TemplateCache<TagHelpers.InertMarkup.PlaceholderKey> PlaceholderTemplates { get; } = new();
}
