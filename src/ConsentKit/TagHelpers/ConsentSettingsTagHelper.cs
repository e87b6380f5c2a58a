using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.TagHelpers;

/// <summary>
/// A persistent "Cookie settings" control, for the footer or the privacy page, that reopens the
/// preferences at any time. It is a link to the same page with the preferences open
/// (<c>?consentkit=preferences</c>), which works without JavaScript; where the page carries the preferences,
/// the client script opens them as a dialog instead.
/// </summary>
[HtmlTargetElement(TagName, TagStructure = TagStructure.WithoutEndTag)]
public sealed class ConsentSettingsTagHelper : TagHelper
{
    /// <summary>The element name of the tag helper.</summary>
    public const string TagName = "consent-settings";

    private static readonly BufferedHtml Action = BufferedHtml.Raw("settings");

    /// <summary>Gets or sets the view context, set by Razor.</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var render = ConsentRenderContext.For(ViewContext.HttpContext);
        output.TagName = "a";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.SetAttribute("href", BufferedHtml.Text(render.PreferencesUrl));
        output.SetAttribute("data-consent-action", Action);
        output.Content.SetHtmlContent(BufferedHtml.Text(render.Texts.Settings));
    }
}
