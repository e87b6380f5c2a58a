using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Net.Http.Headers;

namespace ConsentKit.Tests.Infrastructure;

// How the tests behave like a browser: a cookie jar fed only by Set-Cookie and sent back as the Cookie
// header, pages parsed with AngleSharp, the banner submitted the way a browser submits a form (with the
// Origin and Sec-Fetch-Site headers browsers add), and JSON posted the way consentkit.js posts it.

/// <summary>The cookies a browser keeps for one site: written only by Set-Cookie, sent back as the Cookie header.</summary>
public sealed class CookieJar
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public string? this[string name]
    {
        get
        {
            lock (_lock)
            {
                return _cookies.GetValueOrDefault(name);
            }
        }

        set
        {
            lock (_lock)
            {
                if (value is null)
                {
                    _cookies.Remove(name);
                }
                else
                {
                    _cookies[name] = value;
                }
            }
        }
    }

    public IReadOnlyCollection<string> Names
    {
        get
        {
            lock (_lock)
            {
                return _cookies.Keys.ToArray();
            }
        }
    }

    /// <summary>Keeps, replaces or (for an already expired cookie) removes each cookie of the response's Set-Cookie headers.</summary>
    public void Store(HttpResponseMessage response)
    {
        foreach (var header in response.SetCookieHeaders())
        {
            Store(header);
        }
    }

    /// <summary>Stores one Set-Cookie header value, as a browser would.</summary>
    public void Store(string setCookieHeader)
    {
        var cookie = SetCookieHeaderValue.Parse(setCookieHeader);
        var expired = cookie.MaxAge <= TimeSpan.Zero || cookie.Expires < DateTimeOffset.UtcNow;
        this[cookie.Name.ToString()] = expired ? null : cookie.Value.ToString();
    }

    /// <summary>
    /// Stores a cookie the way page script does (<c>document.cookie = value</c>): a browser ignores a cookie
    /// marked HttpOnly that comes from script (RFC 6265, section 5.3). Returns whether the cookie was kept.
    /// </summary>
    public bool StoreFromScript(string cookie)
    {
        if (SetCookieHeaderValue.Parse(cookie).HttpOnly)
        {
            return false;
        }

        Store(cookie);
        return true;
    }

    public string? ToCookieHeader()
    {
        lock (_lock)
        {
            return _cookies.Count == 0 ? null : string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));
        }
    }
}

/// <summary>Sends the jar's cookies with each request and stores the cookies of each response.</summary>
public sealed class CookieJarHandler(CookieJar jar) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove("Cookie");
        if (jar.ToCookieHeader() is { } cookies)
        {
            request.Headers.Add("Cookie", cookies);
        }

        var response = await base.SendAsync(request, cancellationToken);
        jar.Store(response);
        return response;
    }
}

/// <summary>One visitor with their own cookies. Redirects are not followed, so tests see each 303.</summary>
public sealed class Visitor(HttpClient client, CookieJar cookies) : IDisposable
{
    public const string ConsentCookie = ".ConsentKit";
    public const string EndpointPath = "/_consent";

    public CookieJar Cookies { get; } = cookies;

    public Uri BaseAddress => client.BaseAddress!;

    /// <summary>The Origin header a browser sends with a POST from a page of this site.</summary>
    public string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public Task<HttpResponseMessage> GetAsync(string url) => client.GetAsync(url, Cancel);

    /// <summary>Sends a header with every later request, as a browser setting does (<c>Accept-Language</c>, <c>Sec-GPC</c>).</summary>
    public void SendAlways(string name, string value)
    {
        client.DefaultRequestHeaders.Remove(name);
        client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => client.SendAsync(request, Cancel);

    /// <summary>
    /// Loads a page, asserts it was served (200 HTML) and parses it. With <paramref name="fetchMetadata"/>, the
    /// request carries the <c>Sec-Fetch-*</c> headers a current browser sends when following a link of the site.
    /// </summary>
    public async Task<IHtmlDocument> OpenPageAsync(string url, bool fetchMetadata = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (fetchMetadata)
        {
            request.Headers.Add("Sec-Fetch-Site", "same-origin");
            request.Headers.Add("Sec-Fetch-Mode", "navigate");
            request.Headers.Add("Sec-Fetch-Dest", "document");
        }

        using var response = await SendAsync(request);
        return await ParsePageAsync(response, url);
    }

    /// <summary>
    /// Follows the banner's "Customize" link, as a visitor who decided does: their pages carry the first layer only,
    /// and the link opens the same page with the preferences.
    /// </summary>
    public Task<IHtmlDocument> OpenPreferencesAsync(IHtmlDocument page, bool fetchMetadata = false)
    {
        var href = Page.PreferencesLink(page).GetAttribute("href")!;
        return OpenPageAsync(href.Split('#')[0], fetchMetadata);
    }

    /// <summary>Asserts a response is a served page (200 HTML) and parses it, for tests that also read its headers.</summary>
    public async Task<IHtmlDocument> ParsePageAsync(HttpResponseMessage response, string url)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync(Cancel);
        var address = new Uri(BaseAddress, url).ToString();
        var context = BrowsingContext.New(AngleSharp.Configuration.Default);
        return (IHtmlDocument)await context.OpenAsync(request => request.Content(html).Address(address), Cancel);
    }

    /// <summary>
    /// Clicks a button of the page's banner form, exactly as a browser without JavaScript would submit it
    /// (fields, checked boxes, the clicked button), adding the headers browsers send with a same-origin POST.
    /// <paramref name="adjust"/> may change the request before it is sent.
    /// </summary>
    public Task<HttpResponseMessage> SubmitBannerAsync(IHtmlDocument page, string action, Action<HttpRequestMessage>? adjust = null)
    {
        var form = Page.BannerForm(page);
        var button = form.QuerySelector<IHtmlButtonElement>($"button[data-consent-action='{action}']")
            ?? throw new InvalidOperationException($"The banner has no '{action}' button.");
        return SubmitFormAsync(form, button, adjust);
    }

    /// <summary>
    /// Submits any form of a page by clicking <paramref name="button"/>, as a browser without JavaScript would,
    /// with the headers browsers send with a same-origin POST.
    /// </summary>
    public Task<HttpResponseMessage> SubmitFormAsync(IHtmlFormElement form, IHtmlButtonElement button, Action<HttpRequestMessage>? adjust = null)
    {
        var submission = form.GetSubmission(button)
            ?? throw new InvalidOperationException("The form cannot be submitted.");

        var request = new HttpRequestMessage(new HttpMethod(submission.Method.ToString().ToUpperInvariant()), submission.Target.Href)
        {
            Content = new StreamContent(submission.Body),
        };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(submission.MimeType ?? "application/x-www-form-urlencoded");
        AddSameOriginHeaders(request);
        adjust?.Invoke(request);
        return SendAsync(request);
    }

    /// <summary>Posts a JSON body to the decision endpoint the way consentkit.js does.</summary>
    public Task<HttpResponseMessage> PostJsonAsync(string json, string? antiforgeryToken, Action<HttpRequestMessage>? adjust = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, EndpointPath)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        if (antiforgeryToken is not null)
        {
            request.Headers.Add("RequestVerificationToken", antiforgeryToken);
        }

        AddSameOriginHeaders(request);
        adjust?.Invoke(request);
        return SendAsync(request);
    }

    /// <summary>Posts form fields to the decision endpoint with same-origin headers.</summary>
    public Task<HttpResponseMessage> PostFormAsync(IEnumerable<KeyValuePair<string, string>> fields, Action<HttpRequestMessage>? adjust = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, EndpointPath) { Content = new FormUrlEncodedContent(fields) };
        AddSameOriginHeaders(request);
        adjust?.Invoke(request);
        return SendAsync(request);
    }

    /// <summary>Asks the test endpoint what <c>GetConsent()</c> says; <paramref name="ask"/> are passed to <c>IsGranted</c>.</summary>
    public async Task<ConsentSnapshot> GetConsentAsync(params string[] ask)
    {
        var query = string.Join('&', ask.Select(key => "ask=" + Uri.EscapeDataString(key)));
        using var response = await GetAsync($"{TestEndpoints.Prefix}/consent?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ConsentSnapshot>(JsonSerializerOptions.Web, Cancel))!;
    }

    /// <summary>Asks the test endpoint what ITrackingConsentFeature says, after calling what <paramref name="path"/> names (/grant, /withdraw).</summary>
    public async Task<TrackingSnapshot> GetTrackingAsync(string path = "")
    {
        using var response = await GetAsync($"{TestEndpoints.Prefix}/tracking{path}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TrackingSnapshot>(JsonSerializerOptions.Web, Cancel))!;
    }

    /// <summary>Gets an antiforgery request token (and its cookie) from the test endpoint.</summary>
    public async Task<string> GetAntiforgeryTokenAsync()
    {
        using var response = await GetAsync($"{TestEndpoints.Prefix}/antiforgery");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Cancel);
    }

    public void Dispose() => client.Dispose();

    private void AddSameOriginHeaders(HttpRequestMessage request)
    {
        request.Headers.Add("Origin", Origin);
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
    }
}

/// <summary>Reads what a page of the sample shows about consent.</summary>
public static class Page
{
    public static IElement Banner(IHtmlDocument page) =>
        page.QuerySelector("aside#consentkit") ?? throw new InvalidOperationException("The page has no consent banner.");

    public static IHtmlFormElement BannerForm(IHtmlDocument page) =>
        Banner(page).QuerySelector<IHtmlFormElement>("form") ?? throw new InvalidOperationException("The banner has no form.");

    /// <summary>Gets the banner's data-state: "undecided" or "decided".</summary>
    public static string? BannerState(IHtmlDocument page) => Banner(page).GetAttribute("data-state");

    /// <summary>Gets whether the banner's panel is open (shown to the visitor without a click).</summary>
    public static bool BannerIsOpen(IHtmlDocument page) => Banner(page).QuerySelector("details.ck-panel")!.HasAttribute("open");

    /// <summary>Gets the banner's "Customize" link, which replaces the preferences on a decided visitor's pages.</summary>
    public static IElement PreferencesLink(IHtmlDocument page) =>
        Banner(page).QuerySelector("a[data-consent-action=preferences]") ?? throw new InvalidOperationException("The banner has no link to the preferences.");

    /// <summary>Gets whether the banner carries the preferences (the checkboxes of the categories).</summary>
    public static bool HasPreferences(IHtmlDocument page) => Banner(page).QuerySelector("#ck-prefs") is not null;

    public static IHtmlInputElement CategoryCheckbox(IHtmlDocument page, string key) =>
        Banner(page).QuerySelector<IHtmlInputElement>($"details.ck-customize input[type=checkbox]#ck-c-{key}")
        ?? throw new InvalidOperationException($"The banner has no checkbox for '{key}'.");

    public static string AntiforgeryToken(IHtmlDocument page) =>
        BannerForm(page).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
        ?? throw new InvalidOperationException("The banner form has no antiforgery token.");

    /// <summary>The sample's Hotjar snippet (category analytics).</summary>
    public static IHtmlScriptElement AnalyticsScript(IHtmlDocument page) => ScriptContaining(page, "window.__analyticsRan");

    /// <summary>The sample's Crisp loader (category necessary).</summary>
    public static IHtmlScriptElement ChatScript(IHtmlDocument page) => ScriptContaining(page, "CRISP_WEBSITE_ID");

    /// <summary>Gets whether a browser would run the script: no type, or a JavaScript type.</summary>
    public static bool IsLive(IHtmlScriptElement script) =>
        script.GetAttribute("type") is null or "" or "text/javascript" or "module";

    /// <summary>Gets whether the script is held back in the shape consentkit.js activates.</summary>
    public static bool IsInert(IHtmlScriptElement script, string category) =>
        script.GetAttribute("type") == "text/plain" && script.GetAttribute("data-consent-category") == category;

    private static IHtmlScriptElement ScriptContaining(IHtmlDocument page, string text) =>
        page.QuerySelectorAll<IHtmlScriptElement>("script").SingleOrDefault(s => s.Text.Contains(text, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"The page has no script containing '{text}'.");
}

public static class HttpResponseMessageExtensions
{
    public static IEnumerable<string> SetCookieHeaders(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    /// <summary>Gets the Set-Cookie of the named cookie, or <see langword="null"/> when the response sets none.</summary>
    public static SetCookieHeaderValue? GetSetCookie(this HttpResponseMessage response, string name) =>
        response.SetCookieHeaders()
            .Select(header => SetCookieHeaderValue.Parse(header))
            .SingleOrDefault(c => c.Name.Equals(name, StringComparison.Ordinal));

    /// <summary>Asserts the response is RFC 9457 problem details and returns its JSON.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }
}
