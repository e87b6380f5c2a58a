using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.TagHelpers;

/// <summary>
/// Gates a <c>&lt;script consent-category="…"&gt;</c> on consent: emitted live when the category is
/// granted, and inert (<c>type="text/plain"</c> with <c>data-consent-category</c>) when it is not,
/// so that ConsentKit's client script can run it as soon as the visitor grants the category.
/// Either way it carries the request's CSP nonce (see <c>ConsentKit:ContentSecurityPolicy</c>) unless the markup
/// gives it a <c>nonce</c> of its own.
/// </summary>
[HtmlTargetElement("script", Attributes = CategoryAttributeName)]
public sealed class ScriptConsentTagHelper : TagHelper
{
    /// <summary>The attribute that names the consent category of the script.</summary>
    public const string CategoryAttributeName = "consent-category";

    /// <summary>Gets or sets the key of the category the script belongs to, for example <c>analytics</c>.</summary>
    [HtmlAttributeName(CategoryAttributeName)]
    public string? Category { get; set; }

    /// <summary>Gets or sets the view context, set by Razor.</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <summary>Runs before other script tag helpers, so they see the final type.</summary>
    public override int Order => -2000;

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var render = ConsentRenderContext.For(ViewContext.HttpContext);
        var category = Category ?? "";
        output.BufferAttributes();

        // Under a nonce-based Content Security Policy an inline script runs only with this request's nonce (and an
        // inert one needs it when activated), so gated scripts get it unless the markup gives them one.
        if (render.NonceTagAttribute is { } nonce && !output.Attributes.ContainsName("nonce"))
        {
            output.Attributes.SetAttribute(nonce);
        }

        if (render.Feature.IsGranted(category))
        {
            return;
        }

        if (!render.Policy.TryGetCategoryOf(category, out _, out _))
        {
            ConsentKitLog.UnknownCategoryInMarkup(render.Services.Logger, category);
        }

        InertMarkup.MakeScriptInert(output, category);
    }
}
