using System.Text.Encodings.Web;
using ConsentKit.Configuration;
using Microsoft.AspNetCore.Html;

namespace ConsentKit.TagHelpers;

/// <summary>
/// Writes the banner. The whole banner is one form posting to the decision endpoint: the first layer's
/// buttons, and the preferences (one checkbox per category, its services and cookies) inside a native
/// disclosure, so every choice works without JavaScript. The client script moves the preferences into a
/// modal <c>&lt;dialog&gt;</c>; their controls name the form (<c>form="ck-form"</c>) so they still submit it.
/// Once the visitor has decided, pages carry the first layer with "Customize" as a link to the same page
/// with the preferences open (<see cref="ConsentRenderContext.PreferencesInline"/>).
/// </summary>
internal static class BannerMarkup
{
    public const string StylesheetPath = "/_content/ConsentKit/consentkit.min.css";
    public const string ScriptPath = "/_content/ConsentKit/consentkit.min.js";
    public const string PreferencesId = "ck-prefs";

    /// <summary>
    /// The banner of this request: the cached markup of its state, with the request's own values (stylesheet link,
    /// form fields, script nonce) between, moved into the page as strings.
    /// </summary>
    public static IHtmlContent For(ConsentRenderContext context, string scriptUrl)
    {
        var feature = context.Feature;
        var decided = feature.HasDecided;
        var key = new TemplateKey(
            context.Texts,
            context.EndpointUrl,
            feature.GrantedMask,
            feature.DeniedServicesMask,
            decided,
            feature.Mode == ConsentMode.OptOut,
            !decided && feature.HasGlobalPrivacyControl,
            decided && context.RecordsKept,
            context.PreferencesRequested);
        var template = context.Services.BannerTemplates.Get(key, context, Build);
        return TemplatedForm.For(context, template, scriptUrl);
    }

    /// <summary>The banner of this request as a string, for tests.</summary>
    public static string Render(ConsentRenderContext context, string scriptUrl)
    {
        using var writer = new StringWriter();
        For(context, scriptUrl).WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    // Everything that depends only on the configuration, the texts and the visitor's state (see TemplateKey):
    // the markup before the form's per-request fields, and after them.
    private static FormTemplate Build(ConsentRenderContext context)
    {
        var policy = context.Policy;
        var options = policy.Options;
        var texts = context.Texts;
        var feature = context.Feature;
        var decided = feature.HasDecided;
        var granted = feature.GrantedMask;
        var optOut = feature.Mode == ConsentMode.OptOut;
        var requested = context.PreferencesRequested;
        var html = new HtmlWriter(1024);

        html.Raw("<aside id=\"consentkit\" class=\"ck ck-").Raw(LayoutClass(options.Appearance.Layout)).Raw(ThemeClass(options.Appearance.Theme)).Raw('"')
            .Raw(" data-consentkit").Attr("data-state", decided ? "decided" : "undecided")
            .Attr("data-granted", string.Join(' ', policy.GrantedKeys(granted, feature.DeniedServicesMask)))
            .Attr("data-close", texts.Close)
            .Attr("lang", texts.Language).Attr("dir", texts.IsRightToLeft ? "rtl" : null)
            .Raw(" aria-labelledby=\"ck-title\">");
        html.Raw(decided && !requested ? "<details class=\"ck-panel\">" : "<details class=\"ck-panel\" open>");
        html.Raw("<summary class=\"ck-btn ck-reopen\" data-consent-action=\"settings\">").Text(texts.Settings).Raw("</summary>");
        html.Raw("<form id=\"ck-form\" class=\"ck-form\" method=\"post\"").Attr("action", context.EndpointUrl).Raw(">");
        var head = html.ToString();

        html = new HtmlWriter(8192);
        if (policy.Categories.Any(c => c.HasServiceChoices))
        {
            // Says "this form lists services": unticked services of a category that offers the choice are refused.
            html.Raw("<input type=\"hidden\" name=\"services\" value=\"\">");
        }

        html.Raw("<h2 id=\"ck-title\" class=\"ck-title\">").Text(optOut ? texts.OptOutTitle : texts.Title).Raw("</h2>");
        html.Raw("<p class=\"ck-text\">").Text(optOut ? texts.OptOutDescription : texts.Description);
        if (options.PrivacyPolicyUrl is { } privacyUrl)
        {
            html.Raw(" <a").Attr("href", privacyUrl).Raw(">").Text(texts.PrivacyPolicyLink).Raw("</a>");
        }

        html.Raw("</p>");
        if (!decided && feature.HasGlobalPrivacyControl)
        {
            html.Raw("<p class=\"ck-text ck-gpc\">").Text(texts.GlobalPrivacyControlHonored).Raw("</p>");
        }

        html.Raw("<div class=\"ck-actions\">");
        Button(html, "accept-all", texts.AcceptAll);
        Button(html, "reject-all", texts.RejectAll);
        if (!context.PreferencesInline)
        {
            // A decided visitor's pages link to themselves with the preferences open (PreferencesQuery): the URL is the
            // request's own, so the template is split around it.
            html.Raw("<a class=\"ck-btn\" href=\"");
            var tail = html.ToString();
            html = new HtmlWriter(512);
            html.Raw("\" rel=\"nofollow\" data-consent-action=\"preferences\">").Text(texts.Customize).Raw("</a>");
            return new FormTemplate(head, tail, End(html, policy).ToString());
        }

        html.Raw(requested ? "<details class=\"ck-customize\" open>" : "<details class=\"ck-customize\">")
            .Raw("<summary class=\"ck-btn\" data-consent-action=\"preferences\">").Text(texts.Customize).Raw("</summary>");
        Preferences(html, context, granted);
        html.Raw("</details>");
        return new FormTemplate(head, End(html, policy).ToString());
    }

    private static HtmlWriter End(HtmlWriter html, Consent.ConsentPolicy policy)
    {
        html.Raw("</div></form></details></aside>");

        // The optional cookies the client deletes on withdrawal. JSON in a data block, not an attribute, so its
        // quotes need no entities; the writer escapes '<' and '&', so it cannot close the element early.
        return html.Raw("<script type=\"application/json\" id=\"ck-cookies\">").Raw(policy.Cookies.ClientJson).Raw("</script>");
    }

    // Everything Build's markup depends on besides the configuration.
    internal readonly record struct TemplateKey(
        Localization.LocalizedTexts Texts,
        string EndpointUrl,
        ulong Granted,
        ulong DeniedServices,
        bool Decided,
        bool OptOut,
        bool GlobalPrivacyControlNote,
        bool RecordsLinks,
        bool PreferencesOpen); // with Decided, also whether the preferences are inline (ConsentRenderContext.PreferencesInline)

    private static void Preferences(HtmlWriter html, ConsentRenderContext context, ulong granted)
    {
        var texts = context.Texts;
        html.Raw("<div id=\"").Raw(PreferencesId).Raw("\" class=\"ck-prefs\" role=\"group\" aria-labelledby=\"ck-prefs-title\">");
        html.Raw("<h3 id=\"ck-prefs-title\" class=\"ck-prefs-title\">").Text(texts.CategoriesLegend).Raw("</h3>");
        foreach (var category in context.Policy.Categories)
        {
            var id = "ck-c-" + category.Key;
            var description = texts.CategoryDescriptions[category.Index];
            html.Raw("<div class=\"ck-category\"><div class=\"ck-category-head\"><input type=\"checkbox\" form=\"ck-form\"").Attr("id", id);
            if (category.Required)
            {
                html.Raw(" checked disabled");
            }
            else
            {
                html.Raw(" name=\"categories\"").Attr("value", category.Key).Flag("checked", (granted & category.Bit) != 0);
            }

            html.Attr("aria-describedby", description is null ? null : "ck-d-" + category.Key);
            html.Raw("><label").Attr("for", id).Raw(">").Text(texts.CategoryTitles[category.Index]).Raw("</label>");
            if (category.Required)
            {
                html.Raw("<span class=\"ck-note\">").Text(texts.AlwaysActive).Raw("</span>");
            }

            html.Raw("</div>");
            if (description is not null)
            {
                html.Raw("<p class=\"ck-desc\"").Attr("id", "ck-d-" + category.Key).Raw(">").Text(description).Raw("</p>");
            }

            Services(html, texts, category, context.Feature.DeniedServicesMask);
            html.Raw("</div>");
        }

        // Plain buttons here: data-consent-action stays unique to the first layer (and Save), for scripts and tests.
        html.Raw("<div class=\"ck-actions\">");
        Button(html, "reject-all", texts.RejectAll, marked: false);
        Button(html, "accept-all", texts.AcceptAll, marked: false);
        Button(html, "save", texts.SaveChoices);
        html.Raw("</div>");
        if (context.Feature.HasDecided && context.RecordsKept)
        {
            // The visitor's rights: a plain link downloads the records, a plain submit erases them (no script needed).
            html.Raw("<p class=\"ck-records\"><a class=\"ck-link\"").Attr("href", context.EndpointUrl + "/records").Raw(" download>")
                .Text(texts.DownloadRecords).Raw("</a> <button class=\"ck-link\" type=\"submit\" form=\"ck-form\" name=\"erase\" value=\"1\"")
                .Attr("formaction", context.EndpointUrl + "/erase").Raw(">").Text(texts.EraseRecords).Raw("</button></p>");
        }

        html.Raw("</div>");
    }

    private static void Services(HtmlWriter html, Localization.LocalizedTexts texts, Consent.ConsentCategory category, ulong deniedServices)
    {
        if (category.Services.Count == 0)
        {
            return;
        }

        html.Raw("<details class=\"ck-services\"><summary>").Text(texts.ServicesAndCookies).Raw("</summary><ul>");
        foreach (var service in category.Services)
        {
            html.Raw("<li>");
            if (category.HasServiceChoices)
            {
                // One toggle per service: on unless the visitor refused it, so granting the category grants them all.
                var id = "ck-s-" + service.Key;
                html.Raw("<input type=\"checkbox\" form=\"ck-form\" name=\"services\"").Attr("id", id).Attr("value", service.Key)
                    .Flag("checked", (deniedServices & service.Bit) == 0).Raw("><label").Attr("for", id).Raw("><strong>")
                    .Text(service.Name).Raw("</strong></label>");
            }
            else
            {
                html.Raw("<strong>").Text(service.Name).Raw("</strong>");
            }

            if (service.Provider is not null)
            {
                html.Raw(" · ").Text(service.Provider);
            }

            if (service.Purpose is not null)
            {
                html.Raw("<br>").Text(service.Purpose);
            }

            if (service.PrivacyPolicyUrl is not null)
            {
                html.Raw(" <a").Attr("href", service.PrivacyPolicyUrl).Raw(">").Text(texts.PrivacyPolicyLink)
                    .Raw("<span class=\"ck-sr\"> (").Text(service.Name).Raw(")</span></a>");
            }

            if (service.Cookies.Count > 0)
            {
                html.Raw("<ul class=\"ck-cookies\">");
                foreach (var cookie in service.Cookies)
                {
                    html.Raw("<li><code>").Text(cookie.Name).Raw("</code>");
                    if (cookie.Purpose is not null)
                    {
                        html.Raw(": ").Text(cookie.Purpose);
                    }

                    if (cookie.Lifetime is not null)
                    {
                        html.Raw(" (").Text(texts.Lifetime).Raw(": ").Text(cookie.Lifetime).Raw(")");
                    }

                    html.Raw("</li>");
                }

                html.Raw("</ul>");
            }

            html.Raw("</li>");
        }

        html.Raw("</ul></details>");
    }

    private static void Button(HtmlWriter html, string action, string label, bool marked = true) =>
        html.Raw("<button class=\"ck-btn\" type=\"submit\" form=\"ck-form\" name=\"action\"").Attr("value", action)
            .Attr("data-consent-action", marked ? action : null).Raw(">").Text(label).Raw("</button>");

    private static string LayoutClass(BannerLayout layout) => layout switch
    {
        BannerLayout.Box => "box",
        BannerLayout.Modal => "modal",
        _ => "bar",
    };

    private static string ThemeClass(BannerTheme theme) => theme switch
    {
        BannerTheme.Light => " ck-light",
        BannerTheme.Dark => " ck-dark",
        _ => "",
    };
}
