using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace ConsentKit.TagHelpers;

/// <summary>
/// The link to ConsentKit's stylesheet for one request. Only the nonce differs from one request to the next, so it
/// is written in pieces around the (cached) URL instead of being built as a new string per page.
/// </summary>
/// <param name="encodedHref">The stylesheet's URL, with its content hash, encoded for an attribute.</param>
/// <param name="encodedNonce">The request's CSP nonce encoded for an attribute, or <see langword="null"/>.</param>
internal sealed class StylesheetLink(string encodedHref, string? encodedNonce) : IHtmlContentContainer
{
    public void CopyTo(IHtmlContentBuilder destination)
    {
        destination.AppendHtml("<link rel=\"stylesheet\"");
        TemplatedForm.EncodedAttr(destination, "href", encodedHref);
        TemplatedForm.EncodedAttr(destination, "nonce", encodedNonce);
        destination.AppendHtml(">");
    }

    public void MoveTo(IHtmlContentBuilder destination) => CopyTo(destination);

    // Razor moves containers into the page (above); writing directly is for other writers, and rare.
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        var builder = new HtmlContentBuilder();
        CopyTo(builder);
        builder.WriteTo(writer, encoder);
    }
}
