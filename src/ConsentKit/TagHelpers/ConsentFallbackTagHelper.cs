using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.TagHelpers;

/// <summary>What a <c>&lt;consent-gate&gt;</c> shows while its category is not granted.</summary>
[HtmlTargetElement(TagName, ParentTag = ConsentGateTagHelper.TagName)]
public sealed class ConsentFallbackTagHelper : TagHelper
{
    /// <summary>The element name of the tag helper.</summary>
    public const string TagName = "consent-fallback";

    /// <inheritdoc />
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);

        // Handed to the gate, which places it; nothing is written here.
        if (context.Items.TryGetValue(ConsentGateTagHelper.FallbackKey, out var slot) && slot is ConsentGateTagHelper.FallbackSlot fallback)
        {
            fallback.Content = await output.GetChildContentAsync();
        }

        output.SuppressOutput();
    }
}
