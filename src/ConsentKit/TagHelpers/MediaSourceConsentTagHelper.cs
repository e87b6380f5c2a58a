using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.TagHelpers;

/// <summary>
/// Keeps the <c>&lt;source&gt;</c> and <c>&lt;track&gt;</c> children of a gated <c>&lt;video consent-category="…"&gt;</c>
/// inert too (<c>data-consent-src</c>), so the browser fetches nothing of the video before consent.
/// </summary>
[HtmlTargetElement("source", ParentTag = "video", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("track", ParentTag = "video", TagStructure = TagStructure.WithoutEndTag)]
public sealed class MediaSourceConsentTagHelper : TagHelper
{
    internal static readonly object GatedParentKey = new();

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);

        output.BufferAttributes();

        // Set by the parent video's EmbedConsentTagHelper only when its category is not granted.
        if (context.Items.TryGetValue(GatedParentKey, out var category) && category is string key)
        {
            InertMarkup.MakeSourceInert(output, key);
        }
    }
}
