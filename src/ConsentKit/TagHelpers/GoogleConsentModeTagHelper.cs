using ConsentKit.Consent;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.TagHelpers;

/// <summary>
/// Writes Google Consent Mode v2 defaults, <c>gtag('consent','default',{…})</c>, already set to the
/// visitor's stored choice: the server knows it, so tags never start from a wrong default. Put it in
/// <c>head</c> before any Google tag; the client script sends <c>gtag('consent','update',{…})</c> on every change.
/// </summary>
[HtmlTargetElement(TagName, TagStructure = TagStructure.WithoutEndTag)]
public sealed class GoogleConsentModeTagHelper : TagHelper
{
    /// <summary>The element name of the tag helper.</summary>
    public const string TagName = "google-consent-mode";

    /// <summary>Gets or sets the view context, set by Razor.</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var render = ConsentRenderContext.For(ViewContext.HttpContext);
        var resolved = GoogleConsentModeMapping.For(render.Policy);
        output.TagName = "script";
        output.TagMode = TagMode.StartTagAndEndTag;
        if (render.NonceTagAttribute is { } nonce)
        {
            output.Attributes.SetAttribute(nonce);
        }

        // The client reads the mapping from here to send updates.
        output.Attributes.SetAttribute(resolved.ClientJsonAttribute);
        output.Content.SetHtmlContent(resolved.DefaultsScript(render.Feature.GrantedMask));
    }
}
