using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.TagHelpers;

/// <summary>
/// The cookie declaration for the privacy or cookie policy page: every declared cookie with its category,
/// provider, purpose and lifetime, from the same configuration as the banner, so the two never disagree.
/// </summary>
[HtmlTargetElement(TagName, TagStructure = TagStructure.WithoutEndTag)]
public sealed class ConsentCookieTableTagHelper : TagHelper
{
    /// <summary>The element name of the tag helper.</summary>
    public const string TagName = "consent-cookie-table";

    /// <summary>Gets or sets the view context, set by Razor.</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var render = ConsentRenderContext.For(ViewContext.HttpContext);
        var texts = render.Texts;
        var html = new HtmlWriter(2048);
        html.Raw("<thead><tr>");
        foreach (var heading in new[] { texts.Category, texts.Cookie, texts.Service, texts.Provider, texts.Purpose, texts.Lifetime })
        {
            html.Raw("<th scope=\"col\">").Text(heading).Raw("</th>");
        }

        html.Raw("</tr></thead><tbody>");
        foreach (var category in render.Policy.Categories)
        {
            foreach (var service in category.Services)
            {
                foreach (var cookie in service.Cookies)
                {
                    html.Raw("<tr><td>").Text(texts.CategoryTitles[category.Index])
                        .Raw("</td><td><code>").Text(cookie.Name).Raw("</code></td><td>").Text(service.Name)
                        .Raw("</td><td>").Text(cookie.Provider ?? service.Provider)
                        .Raw("</td><td>").Text(cookie.Purpose ?? service.Purpose)
                        .Raw("</td><td>").Text(cookie.Lifetime).Raw("</td></tr>");
                }
            }
        }

        html.Raw("</tbody>");
        output.TagName = "table";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.SetAttribute("class", BufferedHtml.Raw("ck-cookie-table"));
        output.SetBufferedAttribute("lang", texts.Language);
        output.Content.SetHtmlContent(BufferedHtml.Raw(html.ToString()));
        if (render.TakeStylesheetLink())
        {
            output.PreElement.SetHtmlContent(render.StylesheetLink());
        }
    }
}
