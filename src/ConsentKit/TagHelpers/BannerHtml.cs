using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace ConsentKit.TagHelpers;

/// <summary>
/// One request's banner, written straight to the page: its state's cached markup, with this request's values
/// (stylesheet link, antiforgery token, return URL, script nonce) encoded between. No copy of the whole banner is made.
/// </summary>
internal sealed class BannerHtml(
    string? stylesheetUrl,
    string? nonce,
    BannerTemplate template,
    string? antiforgeryToken,
    string returnUrl,
    string scriptUrl) : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        if (stylesheetUrl is not null)
        {
            writer.Write("<link rel=\"stylesheet\"");
            HtmlWriter.Attr(writer, "href", stylesheetUrl);
            HtmlWriter.Attr(writer, "nonce", nonce);
            writer.Write('>');
        }

        writer.Write(template.Head);
        if (antiforgeryToken is not null)
        {
            writer.Write("<input type=\"hidden\" name=\"__RequestVerificationToken\"");
            HtmlWriter.Attr(writer, "value", antiforgeryToken);
            writer.Write('>');
        }

        writer.Write("<input type=\"hidden\" name=\"returnUrl\"");
        HtmlWriter.Attr(writer, "value", returnUrl);
        writer.Write('>');
        writer.Write(template.Tail);
        writer.Write("<script");
        HtmlWriter.Attr(writer, "src", scriptUrl);
        HtmlWriter.Attr(writer, "nonce", nonce);
        writer.Write(" defer></script>");
    }
}
