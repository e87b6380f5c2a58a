using System.Text;
using System.Text.Encodings.Web;

namespace ConsentKit.TagHelpers;

/// <summary>
/// Writes the banner's HTML. The whole banner is one form: the first layer's buttons and the
/// per-category checkboxes of "Customize" (a native disclosure) post to the decision endpoint.
/// </summary>
internal static class BannerMarkup
{
    public const string StylesheetPath = "/_content/ConsentKit/consentkit.css";
    public const string ScriptPath = "/_content/ConsentKit/consentkit.js";

    public static string Render(in BannerModel model)
    {
        var html = HtmlEncoder.Default;
        var texts = model.Policy.Options.Texts;
        var state = model.HasDecided ? "decided" : "undecided";
        var sb = new StringBuilder(2048);

        sb.Append("<link rel=\"stylesheet\" href=\"").Append(html.Encode(model.StylesheetUrl)).Append("\">");
        sb.Append("<aside id=\"consentkit\" class=\"ck\" data-consentkit data-state=\"").Append(state)
          .Append("\" aria-labelledby=\"ck-title\">");
        sb.Append(model.HasDecided ? "<details class=\"ck-panel\">" : "<details class=\"ck-panel\" open>");
        sb.Append("<summary class=\"ck-btn ck-reopen\">").Append(html.Encode(texts.Settings)).Append("</summary>");
        sb.Append("<form class=\"ck-form\" method=\"post\" action=\"").Append(html.Encode(model.EndpointUrl)).Append("\">");
        if (model.AntiforgeryToken is not null)
        {
            sb.Append("<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"").Append(html.Encode(model.AntiforgeryToken)).Append("\">");
        }

        sb.Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(html.Encode(model.ReturnUrl)).Append("\">");
        sb.Append("<h2 class=\"ck-title\" id=\"ck-title\">").Append(html.Encode(texts.Title)).Append("</h2>");
        sb.Append("<p class=\"ck-text\">").Append(html.Encode(texts.Description));
        if (model.Policy.Options.PrivacyPolicyUrl is { } privacyUrl)
        {
            sb.Append(" <a href=\"").Append(html.Encode(privacyUrl)).Append("\">").Append(html.Encode(texts.PrivacyPolicyLink)).Append("</a>");
        }

        sb.Append("</p><div class=\"ck-actions\">");
        AppendButton(sb, html, "accept-all", texts.AcceptAll);
        AppendButton(sb, html, "reject-all", texts.RejectAll);
        sb.Append("<details class=\"ck-customize\"><summary class=\"ck-btn\" data-consent-action=\"preferences\">")
          .Append(html.Encode(texts.Customize)).Append("</summary>");
        sb.Append("<fieldset class=\"ck-categories\"><legend>").Append(html.Encode(texts.CategoriesLegend)).Append("</legend>");
        foreach (var category in model.Policy.Categories)
        {
            var key = html.Encode(category.Key);
            sb.Append("<div class=\"ck-category\"><input type=\"checkbox\" id=\"ck-c-").Append(key).Append('"');
            if (category.Required)
            {
                sb.Append(" checked disabled");
            }
            else
            {
                sb.Append(" name=\"categories\" value=\"").Append(key).Append('"');
                if ((model.GrantedMask & category.Bit) != 0)
                {
                    sb.Append(" checked");
                }
            }

            if (category.Description is not null)
            {
                sb.Append(" aria-describedby=\"ck-d-").Append(key).Append('"');
            }

            sb.Append("><label for=\"ck-c-").Append(key).Append("\">").Append(html.Encode(category.Title)).Append("</label>");
            if (category.Required)
            {
                sb.Append(" <span class=\"ck-note\">").Append(html.Encode(texts.AlwaysActive)).Append("</span>");
            }

            if (category.Description is not null)
            {
                sb.Append("<p class=\"ck-desc\" id=\"ck-d-").Append(key).Append("\">").Append(html.Encode(category.Description)).Append("</p>");
            }

            sb.Append("</div>");
        }

        sb.Append("</fieldset>");
        AppendButton(sb, html, "save", texts.SaveChoices);
        if (model.HasDecided && model.RecordsKept)
        {
            // The visitor's rights: a plain link downloads the records, a plain submit erases them (no script needed).
            sb.Append("<p class=\"ck-records\"><a class=\"ck-link\" href=\"").Append(html.Encode(model.EndpointUrl)).Append("/records\" download>")
              .Append(html.Encode(texts.DownloadRecords)).Append("</a> <button class=\"ck-link\" type=\"submit\" name=\"erase\" value=\"1\" formaction=\"")
              .Append(html.Encode(model.EndpointUrl)).Append("/erase\">").Append(html.Encode(texts.EraseRecords)).Append("</button></p>");
        }

        sb.Append("</details></div></form></details></aside>");
        sb.Append("<script src=\"").Append(html.Encode(model.ScriptUrl)).Append("\" defer></script>");
        return sb.ToString();
    }

    private static void AppendButton(StringBuilder sb, HtmlEncoder html, string action, string label) =>
        sb.Append("<button class=\"ck-btn\" type=\"submit\" name=\"action\" value=\"").Append(action)
          .Append("\" data-consent-action=\"").Append(action).Append("\">").Append(html.Encode(label)).Append("</button>");
}
