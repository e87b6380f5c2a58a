using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.TagHelpers;

/// <summary>
/// Encoded HTML that stays in Razor's page buffer until the page is complete.
/// </summary>
/// <remarks>
/// When Razor writes its page buffer to the response it flushes after every piece of content that is not a
/// container: an <see cref="HtmlString"/>, a string to encode, any other <see cref="IHtmlContent"/>. Each flush is
/// a write to the network, so a page with a dozen tag-helper outputs and attributes went out in a dozen packets,
/// which cost more than rendering them. A container is moved into the buffer as plain strings instead, and the
/// page goes out in one write, as a page without tag helpers does.
/// </remarks>
internal sealed class BufferedHtml : IHtmlContentContainer
{
    private readonly string _html;

    private BufferedHtml(string html)
    {
        _html = html;
    }

    /// <summary>Wraps markup that is already encoded.</summary>
    public static BufferedHtml Raw(string html) => new(html);

    /// <summary>Encodes text (an attribute value, element text).</summary>
    public static BufferedHtml Text(string text) => new(HtmlWriter.Encode(text));

    public void WriteTo(TextWriter writer, HtmlEncoder encoder) => writer.Write(_html);

    public void CopyTo(IHtmlContentBuilder destination) => destination.AppendHtml(_html);

    public void MoveTo(IHtmlContentBuilder destination) => destination.AppendHtml(_html);

    public override string ToString() => _html;
}

/// <summary>Sets tag-helper attributes and content as <see cref="BufferedHtml"/>.</summary>
internal static class BufferedOutput
{
    public static void SetAttribute(this TagHelperOutput output, string name, BufferedHtml value) =>
        output.Attributes.SetAttribute(name, value);

    public static void SetBufferedAttribute(this TagHelperOutput output, string name, string value) =>
        output.Attributes.SetAttribute(name, BufferedHtml.Text(value));

    /// <summary>
    /// Turns the element's own attributes into <see cref="BufferedHtml"/> too: Razor hands them to tag helpers as
    /// <see cref="HtmlString"/> (written in the page) or strings (set by other tag helpers).
    /// </summary>
    public static void BufferAttributes(this TagHelperOutput output)
    {
        var attributes = output.Attributes;
        for (var i = 0; i < attributes.Count; i++)
        {
            var attribute = attributes[i];
            var buffered = attribute.Value switch
            {
                HtmlString html => BufferedHtml.Raw(html.Value ?? ""),
                string text => BufferedHtml.Text(text),
                _ => null, // minimized, or already a container
            };
            if (buffered is not null)
            {
                attributes[i] = new TagHelperAttribute(attribute.Name, buffered, attribute.ValueStyle);
            }
        }
    }
}
