using Microsoft.AspNetCore.Mvc.Razor.Infrastructure;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.TagHelpers;

/// <summary>
/// Renders the consent banner, server-side, from the configuration: open while the visitor has not
/// decided, otherwise collapsed into a "Cookie settings" control that reopens it. It is a plain
/// HTML form, so it works without JavaScript; ConsentKit's client script turns its posts into
/// <c>fetch</c> calls. Put <c>&lt;consent-banner /&gt;</c> once in the layout, first thing in <c>body</c>.
/// </summary>
[HtmlTargetElement(TagName, TagStructure = TagStructure.WithoutEndTag)]
public sealed class ConsentBannerTagHelper : TagHelper
{
    /// <summary>The element name of the tag helper.</summary>
    public const string TagName = "consent-banner";

    private readonly IFileVersionProvider _fileVersionProvider;

    /// <summary>Creates the tag helper; Razor calls this.</summary>
    /// <param name="fileVersionProvider">Appends a content hash to the asset URLs, so browsers cache them safely.</param>
    public ConsentBannerTagHelper(IFileVersionProvider fileVersionProvider)
    {
        _fileVersionProvider = fileVersionProvider;
    }

    /// <summary>Gets or sets the view context, set by Razor.</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var httpContext = ViewContext.HttpContext;

        // The stylesheet's link comes from the render context, unless <consent-styles /> linked it in head.
        var render = ConsentRenderContext.For(httpContext);
        var markup = BannerMarkup.For(
            render,
            _fileVersionProvider.AddFileVersionToPath(httpContext.Request.PathBase, BannerMarkup.ScriptPath));

        output.TagName = null;
        output.Content.SetHtmlContent(markup);
        if (render.PreferencesRequested && !httpContext.Response.HasStarted)
        {
            // The page again with the preferences open: not a page of its own for search engines.
            httpContext.Response.Headers["X-Robots-Tag"] = "noindex";
        }
    }
}
