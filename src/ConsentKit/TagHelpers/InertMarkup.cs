using ConsentKit.Consent;
using ConsentKit.Localization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.TagHelpers;

/// <summary>How content that waits for consent is written, in the shape the client script activates.</summary>
internal static class InertMarkup
{
    public const string CategoryAttribute = "data-consent-category";
    public const string OriginalTypeAttribute = "data-consent-type";

    private static readonly TagHelperAttribute PlainTextType = new("type", BufferedHtml.Raw("text/plain"));

    // The attributes that make an element fetch something, moved aside until consent, and where they wait.
    private static readonly (string Name, string InertName)[] SourceAttributes =
        [("src", "data-consent-src"), ("srcset", "data-consent-srcset"), ("href", "data-consent-href"), ("poster", "data-consent-poster")];

    // A script of an unknown type is neither fetched nor run by browsers, and keeps its src and text.
    public static void MakeScriptInert(TagHelperOutput output, string category)
    {
        if (output.Attributes.TryGetAttribute("type", out var type))
        {
            output.Attributes.SetAttribute(OriginalTypeAttribute, type.Value);
        }

        output.Attributes.SetAttribute(PlainTextType);
        output.SetBufferedAttribute(CategoryAttribute, category);
    }

    public static void MakeSourceInert(TagHelperOutput output, string category)
    {
        foreach (var (name, inertName) in SourceAttributes)
        {
            if (output.Attributes.TryGetAttribute(name, out var attribute))
            {
                output.Attributes.Remove(attribute);
                output.Attributes.SetAttribute(inertName, attribute.Value);
            }
        }

        output.SetBufferedAttribute(CategoryAttribute, category);
    }

    /// <summary>The placeholder of an embed: what it is, and a button that grants its category (a form post without JavaScript).</summary>
    public static IHtmlContent Placeholder(ConsentRenderContext context, ConsentCategory category, string service)
    {
        var key = new PlaceholderKey(context.Texts, context.EndpointUrl, category, service);
        var template = context.Services.PlaceholderTemplates.Get(key, key, BuildPlaceholder);
        return TemplatedForm.For(context, template);
    }

    private static FormTemplate BuildPlaceholder(PlaceholderKey key)
    {
        var (texts, endpointUrl, category, service) = key;
        var title = texts.CategoryTitles[category.Index];
        var head = new HtmlWriter(256)
            .Raw("<div class=\"ck ck-embed\"").Attr("data-consent-placeholder", category.Key).Raw("><p>")
            .Text(texts.EmbedPlaceholder.Replace("{service}", service, StringComparison.Ordinal).Replace("{category}", title, StringComparison.Ordinal))
            .Raw("</p><form method=\"post\"").Attr("action", endpointUrl).Raw(">");
        var tail = new HtmlWriter(256)
            .Raw("<input type=\"hidden\" name=\"categories\"").Attr("value", category.Key).Raw(">")
            .Raw("<button class=\"ck-btn\" type=\"submit\" name=\"action\" value=\"grant\"").Attr("data-consent-grant", category.Key).Raw(">")
            .Text(texts.EmbedAllow.Replace("{category}", title, StringComparison.Ordinal))
            .Raw("</button></form></div>");
        return new FormTemplate(head.ToString(), tail.ToString());
    }

    // Everything a placeholder's markup depends on besides the configuration.
    internal readonly record struct PlaceholderKey(LocalizedTexts Texts, string EndpointUrl, ConsentCategory Category, string Service);
}
