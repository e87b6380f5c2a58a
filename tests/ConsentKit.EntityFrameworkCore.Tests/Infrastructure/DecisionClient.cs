using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ConsentKit.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>
/// Posts consent decisions the way the banner does: it first fetches a page for the antiforgery token and cookie,
/// then posts forms with them. Cookies are handled by hand, so each decision without a consent cookie is a new visitor.
/// </summary>
internal sealed partial class DecisionClient
{
    private readonly HttpClient _http;
    private string _token = "";
    private string _antiforgeryCookie = "";

    public DecisionClient(HttpClient http) => _http = http;

    /// <summary>Gets the consent cookie (<c>name=value</c>) of the last decision, if any.</summary>
    public string? ConsentCookie { get; set; }

    /// <summary>Fetches a page (or the test host's <c>/token</c>) and keeps the antiforgery token and cookie it issues.</summary>
    public async Task InitializeAsync(string path = "/")
    {
        using var response = await _http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStringAsync();
        var match = TokenInput().Match(body);
        _token = match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : body.Trim();
        _antiforgeryCookie = response.Headers.GetValues("Set-Cookie")
            .Select(c => c.Split(';')[0])
            .Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
    }

    /// <summary>Posts a decision as a form and asks for JSON; returns the consent id when it was acknowledged.</summary>
    public async Task<DecisionResult> DecideAsync(string action, IEnumerable<string>? categories = null, bool keepCookie = false, CancellationToken cancellationToken = default)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("action", action),
            new("__RequestVerificationToken", _token),
        };
        fields.AddRange((categories ?? []).Select(c => new KeyValuePair<string, string>("categories", c)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_consent") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Add("Cookie", Cookies(keepCookie));
        using var response = await _http.SendAsync(request, cancellationToken);
        var setsConsentCookie = response.Headers.TryGetValues("Set-Cookie", out var setCookies)
            && setCookies.Any(c => c.StartsWith(".ConsentKit=", StringComparison.Ordinal));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new DecisionResult(response.StatusCode, null, setsConsentCookie);
        }

        var state = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (keepCookie || ConsentCookie is null)
        {
            ConsentCookie = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(".ConsentKit=", StringComparison.Ordinal));
        }

        return new DecisionResult(response.StatusCode, state.GetProperty("consentId").GetString(), setsConsentCookie);
    }

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", Cookies(keepCookie: true));
        return await _http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> EraseAsync(string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_consent/erase")
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", _token), new("returnUrl", "/privacy")]),
        };
        request.Headers.Add("Cookie", Cookies(keepCookie: true));
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await _http.SendAsync(request);
    }

    private string Cookies(bool keepCookie) =>
        keepCookie && ConsentCookie is not null ? $"{_antiforgeryCookie}; {ConsentCookie}" : _antiforgeryCookie;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
