using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace ConsentKit.TagHelpers;

/// <summary>The markup of a ConsentKit form for one state, split where the form's per-request fields go.</summary>
/// <param name="Head">Up to and including the form's opening tag.</param>
/// <param name="Tail">From after the form's per-request fields to the end, or to the preferences link's URL.</param>
/// <param name="AfterPreferencesUrl">When the markup links to the preferences: from after that URL to the end.</param>
internal sealed record FormTemplate(string Head, string Tail, string? AfterPreferencesUrl = null);

/// <summary>
/// One request's ConsentKit form (the banner, an embed's placeholder): the cached markup of its state, with this
/// request's values (stylesheet link, antiforgery token, return URL, script nonce) encoded between. Moved into the
/// page as strings (see <see cref="BufferedHtml"/>); no copy of the whole markup is made.
/// </summary>
internal sealed class TemplatedForm(
    StylesheetLink? stylesheetLink,
    string? encodedNonce,
    FormTemplate template,
    string? antiforgeryToken,
    string returnUrl,
    string? encodedPreferencesUrl,
    string? scriptUrl = null) : IHtmlContentContainer
{
    /// <summary>The form of <paramref name="template"/> for this request, linking the stylesheet if nothing above has.</summary>
    /// <param name="context">The request's render context.</param>
    /// <param name="template">The markup of the form's state.</param>
    /// <param name="scriptUrl">The banner's client script, or <see langword="null"/> for any other form.</param>
    public static TemplatedForm For(ConsentRenderContext context, FormTemplate template, string? scriptUrl = null) => new(
        (scriptUrl is null ? context.TakeStylesheetLink() : context.TakeStylesheetLinkForBanner()) ? context.StylesheetLink() : null,
        context.NonceAttribute?.ToString(), // encoded once per request, for every tag that carries it
        template,
        context.AntiforgeryToken,
        context.ReturnUrl,
        template.AfterPreferencesUrl is null ? null : context.PreferencesHref.ToString(),
        scriptUrl);

    public void CopyTo(IHtmlContentBuilder destination)
    {
        stylesheetLink?.CopyTo(destination);
        destination.AppendHtml(template.Head);
        if (antiforgeryToken is not null)
        {
            destination.AppendHtml("<input type=\"hidden\" name=\"__RequestVerificationToken\"");
            Attr(destination, "value", antiforgeryToken);
            destination.AppendHtml(">");
        }

        destination.AppendHtml("<input type=\"hidden\" name=\"returnUrl\"");
        Attr(destination, "value", returnUrl);
        destination.AppendHtml(">");
        destination.AppendHtml(template.Tail);
        if (template.AfterPreferencesUrl is not null)
        {
            destination.AppendHtml(encodedPreferencesUrl!);
            destination.AppendHtml(template.AfterPreferencesUrl);
        }

        if (scriptUrl is not null)
        {
            destination.AppendHtml("<script");
            Attr(destination, "src", scriptUrl);
            EncodedAttr(destination, "nonce", encodedNonce);
            destination.AppendHtml(" defer></script>");
        }
    }

    public void MoveTo(IHtmlContentBuilder destination) => CopyTo(destination);

    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        var builder = new HtmlContentBuilder();
        CopyTo(builder);
        builder.WriteTo(writer, encoder);
    }

    private static void Attr(IHtmlContentBuilder destination, string name, string? value) =>
        EncodedAttr(destination, name, value is null ? null : HtmlWriter.Encode(value));

    /// <summary>Appends <c> name="value"</c> for a value already encoded; nothing when it is null.</summary>
    internal static void EncodedAttr(IHtmlContentBuilder destination, string name, string? encodedValue)
    {
        if (encodedValue is not null)
        {
            destination.AppendHtml(" ");
            destination.AppendHtml(name);
            destination.AppendHtml("=\"");
            destination.AppendHtml(encodedValue);
            destination.AppendHtml("\"");
        }
    }
}
