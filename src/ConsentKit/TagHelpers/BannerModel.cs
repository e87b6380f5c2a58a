using ConsentKit.Consent;

namespace ConsentKit.TagHelpers;

/// <summary>What the banner markup depends on for one request.</summary>
internal readonly record struct BannerModel(
    ConsentPolicy Policy,
    bool HasDecided,
    ulong GrantedMask,
    string EndpointUrl,
    string? AntiforgeryToken,
    string ReturnUrl,
    string StylesheetUrl,
    string ScriptUrl,
    bool RecordsKept = false);
