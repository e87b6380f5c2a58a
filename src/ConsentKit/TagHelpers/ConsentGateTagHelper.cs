using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.TagHelpers;

/// <summary>
/// Shows its content only when the category is granted, otherwise its <c>&lt;consent-fallback&gt;</c>.
/// Content that is not shown is kept in a <c>&lt;template&gt;</c>, so the client script can show it,
/// without a reload, once the visitor grants the category.
/// </summary>
[HtmlTargetElement(TagName)]
public sealed class ConsentGateTagHelper : TagHelper
{
    /// <summary>The element name of the tag helper.</summary>
    public const string TagName = "consent-gate";

    internal static readonly object FallbackKey = new();

    /// <summary>Gets or sets the key of the category the content needs.</summary>
    [HtmlAttributeName("category")]
    public string? Category { get; set; }

    /// <summary>Gets or sets the view context, set by Razor.</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <inheritdoc />
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var category = Category ?? "";
        var granted = ConsentRenderContext.For(ViewContext.HttpContext).Feature.IsGranted(category);
        var fallback = new FallbackSlot();
        context.Items[FallbackKey] = fallback;
        var content = await output.GetChildContentAsync();

        output.TagName = null;
        if (granted)
        {
            output.Content.SetHtmlContent(content);
            return;
        }

        var html = new HtmlWriter(256);
        html.Raw("<template").Attr("data-consent-category", category).Raw(">");
        output.Content.AppendHtml(BufferedHtml.Raw(html.ToString()));
        output.Content.AppendHtml(content);
        output.Content.AppendHtml(EndTemplate);
        if (fallback.Content is not null)
        {
            output.Content.AppendHtml(BufferedHtml.Raw(new HtmlWriter(64).Raw("<div").Attr("data-consent-fallback", category).Raw(">").ToString()));
            output.Content.AppendHtml(fallback.Content);
            output.Content.AppendHtml(EndDiv);
        }
    }

    private static readonly BufferedHtml EndTemplate = BufferedHtml.Raw("</template>");
    private static readonly BufferedHtml EndDiv = BufferedHtml.Raw("</div>");

    internal sealed class FallbackSlot
    {
        public Microsoft.AspNetCore.Html.IHtmlContent? Content { get; set; }
    }
}
