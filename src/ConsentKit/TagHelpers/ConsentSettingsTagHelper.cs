using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.TagHelpers;

/// <summary>
/// A persistent "Cookie settings" control, for the footer or the privacy page, that reopens the
/// preferences at any time. Where the page carries them (the visitor has not decided), it links to them
/// (<c>#ck-prefs</c>: browsers open the disclosures around a link's target); elsewhere to the same page with
/// them open (<c>?consentkit=preferences</c>, <c>rel="nofollow"</c>). Both work without JavaScript; the
/// client script opens the preferences as a dialog instead where the page carries them.
/// </summary>
[HtmlTargetElement(TagName, TagStructure = TagStructure.WithoutEndTag)]
public sealed class ConsentSettingsTagHelper : TagHelper
{
    /// <summary>The element name of the tag helper.</summary>
    public const string TagName = "consent-settings";

    // Attributes are immutable: every page shares these.
    private static readonly TagHelperAttribute Action = new("data-consent-action", BufferedHtml.Raw("settings"));
    private static readonly TagHelperAttribute PreferencesFragment = new("href", BufferedHtml.Raw("#" + BannerMarkup.PreferencesId));
    private static readonly TagHelperAttribute NoFollow = new("rel", BufferedHtml.Raw("nofollow"));

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
        // Crawlers have not decided: they only ever see the fragment, not a second URL of every page.
        if (render.PreferencesInline)
        {
            output.Attributes.SetAttribute(PreferencesFragment);
        }
        else
        {
            output.SetAttribute("href", render.PreferencesHref);
            output.Attributes.SetAttribute(NoFollow);
        }

        output.Attributes.SetAttribute(Action);
        output.Content.SetHtmlContent(BufferedHtml.Text(render.Texts.Settings));
    }
}
