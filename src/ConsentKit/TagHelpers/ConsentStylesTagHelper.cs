using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.TagHelpers;

/// <summary>
/// Links ConsentKit's stylesheet from <c>&lt;head&gt;</c>, so nothing ConsentKit renders ever paints unstyled
/// (no layout shift, wherever the banner sits in the body). Optional: without it, the first ConsentKit element
/// of the page links the stylesheet itself.
/// </summary>
[HtmlTargetElement(TagName, TagStructure = TagStructure.WithoutEndTag)]
public sealed class ConsentStylesTagHelper : TagHelper
{
    /// <summary>The element name of the tag helper.</summary>
    public const string TagName = "consent-styles";

    /// <summary>Gets or sets the view context, set by Razor.</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        // Always, even if linked already: Razor renders head after the body, where a placeholder may have linked it
        // first, yet browsers read head first.
        var render = ConsentRenderContext.For(ViewContext.HttpContext);
        render.NoteStylesheetLinkedInHead();
        output.TagName = null;
        output.Content.SetHtmlContent(render.StylesheetLink());
    }
}
