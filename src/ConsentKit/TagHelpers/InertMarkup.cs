using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.TagHelpers;

/// <summary>How content that waits for consent is written, in the shape the client script activates.</summary>
internal static class InertMarkup
{
    public const string CategoryAttribute = "data-consent-category";
    public const string OriginalTypeAttribute = "data-consent-type";

    // A script of an unknown type is neither fetched nor run by browsers, and keeps its src and text.
    public static void MakeScriptInert(TagHelperOutput output, string category)
    {
        if (output.Attributes.TryGetAttribute("type", out var type))
        {
            output.Attributes.SetAttribute(OriginalTypeAttribute, type.Value);
        }

        output.Attributes.SetAttribute("type", "text/plain");
        output.Attributes.SetAttribute(CategoryAttribute, category);
    }
}
