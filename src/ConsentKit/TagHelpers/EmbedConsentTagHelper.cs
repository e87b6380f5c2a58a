using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.TagHelpers;

/// <summary>
/// Gates an <c>&lt;iframe&gt;</c>, <c>&lt;img&gt;</c>, <c>&lt;video&gt;</c> or <c>&lt;link&gt;</c> with a
/// <c>consent-category</c> attribute: emitted as is when the category is granted; otherwise its source is
/// kept inert (<c>data-consent-src</c>) and, except for links, a placeholder names the service and offers a
/// button that grants the category in place (a form post without JavaScript, no reload with it).
/// </summary>
[HtmlTargetElement("iframe", Attributes = CategoryAttributeName)]
[HtmlTargetElement("img", Attributes = CategoryAttributeName, TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("video", Attributes = CategoryAttributeName)]
[HtmlTargetElement("link", Attributes = CategoryAttributeName, TagStructure = TagStructure.WithoutEndTag)]
public sealed class EmbedConsentTagHelper : TagHelper
{
    /// <summary>The attribute that names the consent category of the element.</summary>
    public const string CategoryAttributeName = "consent-category";

    /// <summary>The attribute that names the service shown in the placeholder.</summary>
    public const string ServiceAttributeName = "consent-service";

    /// <summary>Gets or sets the key of the category the element belongs to, for example <c>marketing</c>.</summary>
    [HtmlAttributeName(CategoryAttributeName)]
    public string? Category { get; set; }

    /// <summary>Gets or sets the name of the service that provides the content, shown in the placeholder.</summary>
    /// <value>Defaults to the first service configured under the category, else the element's host.</value>
    [HtmlAttributeName(ServiceAttributeName)]
    public string? Service { get; set; }

    private static readonly TagHelperAttribute Hidden = new("hidden", BufferedHtml.Raw("hidden"));

    /// <summary>Gets or sets the view context, set by Razor.</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var render = ConsentRenderContext.For(ViewContext.HttpContext);
        var category = Category ?? "";
        output.BufferAttributes();
        if (render.Feature.IsGranted(category))
        {
            return;
        }

        InertMarkup.MakeSourceInert(output, category);
        context.Items[MediaSourceConsentTagHelper.GatedParentKey] = category; // its <source> children wait too
        if (output.TagName == "link" || !render.Policy.TryGetCategoryOf(category, out var known, out var keyedService))
        {
            return; // nothing to show for a stylesheet; nothing to grant for an unknown key
        }

        // The placeholder grants the category; a service key names which of its services the content is.
        output.Attributes.SetAttribute(Hidden);
        var service = Service ?? keyedService?.Name ?? (known.Services.Count > 0 ? known.Services[0].Name : null) ?? category;
        output.PreElement.AppendHtml(InertMarkup.Placeholder(render, known, service));
    }
}
