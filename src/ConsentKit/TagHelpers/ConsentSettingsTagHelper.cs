using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.TagHelpers;

/// <summary>
/// A persistent "Cookie settings" control, for the footer or the privacy page, that reopens the
/// preferences at any time. It is a link to the preferences, which browsers reveal without JavaScript;
/// the client script opens them as a dialog instead.
/// </summary>
[HtmlTargetElement(TagName, TagStructure = TagStructure.WithoutEndTag)]
public sealed class ConsentSettingsTagHelper : TagHelper
{
    /// <summary>The element name of the tag helper.</summary>
    public const string TagName = "consent-settings";

    private static readonly BufferedHtml Href = BufferedHtml.Raw("#" + BannerMarkup.PreferencesId);
    private static readonly BufferedHtml Action = BufferedHtml.Raw("settings");

    /// <summary>Gets or sets the view context, set by Razor.</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var texts = ConsentRenderContext.For(ViewContext.HttpContext).Texts;
        output.TagName = "a";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.SetAttribute("href", Href);
        output.SetAttribute("data-consent-action", Action);
        output.Content.SetHtmlContent(BufferedHtml.Text(texts.Settings));
    }
}
