using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace ConsentKit.TagHelpers;

/// <summary>The markup of a ConsentKit form for one state, split where the form's per-request fields go.</summary>
/// <param name="Head">Up to and including the form's opening tag.</param>
/// <param name="Tail">From after the form's per-request fields to the end.</param>
internal sealed record FormTemplate(string Head, string Tail);

/// <summary>
/// One request's ConsentKit form (the banner, an embed's placeholder), written straight to the page: the cached
/// markup of its state, with this request's values (stylesheet link, antiforgery token, return URL, script nonce)
/// encoded between. No copy of the whole markup is made.
/// </summary>
internal sealed class TemplatedForm(
    string? stylesheetUrl,
    string? nonce,
    FormTemplate template,
    string? antiforgeryToken,
    string returnUrl,
    string? scriptUrl = null) : IHtmlContent
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
        if (scriptUrl is null)
        {
            return;
        }

        writer.Write("<script");
        HtmlWriter.Attr(writer, "src", scriptUrl);
        HtmlWriter.Attr(writer, "nonce", nonce);
        writer.Write(" defer></script>");
    }
}
