using ConsentKit.Consent;
using ConsentKit.TagHelpers;
using ConsentKit.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.Tests;

/// <summary>
/// The script tag helper directly, for the attribute shapes the sample's layout does not use
/// (an original type, other attributes, unknown categories). The sample's pages cover the common case.
/// </summary>
public sealed class ScriptConsentTagHelperTests : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly ServiceProvider _servicesWithNonce;

    public ScriptConsentTagHelperTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(TestSite.ThreeCategories()).Build());
        services.AddLogging();
        services.AddConsentKit();
        _services = services.BuildServiceProvider();

        var withNonce = new ServiceCollection();
        withNonce.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(TestSite.ThreeCategories())
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConsentKit:ContentSecurityPolicy:NonceItemKey"] = "csp-nonce" })
            .Build());
        withNonce.AddLogging();
        withNonce.AddConsentKit();
        _servicesWithNonce = withNonce.BuildServiceProvider();
    }

    public void Dispose()
    {
        _services.Dispose();
        _servicesWithNonce.Dispose();
    }

    [Fact]
    public void Process_CategoryNotGranted_TypeKeptAsideAndScriptInert()
    {
        // Arrange
        var output = Script(("type", "module"), ("src", "/hotjar.js"), ("nonce", "abc"));

        // Act
        Run("analytics", output, granted: []);

        // Assert
        Assert.Equal("script", output.TagName);
        Assert.Equal("text/plain", output.Attributes["type"].Value?.ToString());
        Assert.Equal("module", output.Attributes["data-consent-type"].Value?.ToString());
        Assert.Equal("analytics", output.Attributes["data-consent-category"].Value?.ToString());
        Assert.Equal("/hotjar.js", output.Attributes["src"].Value?.ToString());
        Assert.Equal("abc", output.Attributes["nonce"].Value?.ToString());
    }

    [Fact]
    public void Process_CategoryNotGrantedWithoutType_NoOriginalTypeRecorded()
    {
        // Arrange
        var output = Script(("src", "/hotjar.js"));

        // Act
        Run("analytics", output, granted: []);

        // Assert
        Assert.Equal("text/plain", output.Attributes["type"].Value?.ToString());
        Assert.False(output.Attributes.ContainsName("data-consent-type"));
    }

    [Fact]
    public void Process_CategoryGranted_OutputUnchanged()
    {
        // Arrange
        var output = Script(("type", "module"), ("src", "/hotjar.js"));

        // Act
        Run("analytics", output, granted: ["analytics"]);

        // Assert
        Assert.Equal(["type", "src"], output.Attributes.Select(a => a.Name));
        Assert.Equal("module", output.Attributes["type"].Value?.ToString());
    }

    [Theory]
    [InlineData("necessary")]
    [InlineData("Necessary")]
    public void Process_RequiredCategoryBeforeDecision_OutputUnchanged(string category)
    {
        // Arrange
        var output = Script(("src", "/chat.js"));

        // Act
        Run(category, output, granted: null);

        // Assert
        Assert.False(output.Attributes.ContainsName("type"));
    }

    [Theory]
    [InlineData("statistics")]
    [InlineData("")]
    [InlineData(null)]
    public void Process_UnknownCategoryAfterAcceptAll_Inert(string? category)
    {
        // Arrange: a typo in markup must not run the script, whatever the visitor granted
        var output = Script(("src", "/tracker.js"));

        // Act
        Run(category, output, granted: ["analytics", "marketing"]);

        // Assert
        Assert.Equal("text/plain", output.Attributes["type"].Value?.ToString());
        Assert.Equal(category ?? "", output.Attributes["data-consent-category"].Value?.ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Process_NonceConfigured_ScriptGetsTheRequestNonce(bool granted)
    {
        // Arrange: a strict CSP blocks an inline script without the nonce, live or activated later
        var output = Script(("src", "/hotjar.js"));

        // Act
        Run("analytics", output, granted: granted ? ["analytics"] : [], nonce: "r+n/1=");

        // Assert
        Assert.Equal("r&#x2B;n/1=", output.Attributes["nonce"].Value?.ToString());
        Assert.Single(output.Attributes, a => a.Name == "nonce");
    }

    [Fact]
    public void Process_NonceInMarkup_KeptAsWritten()
    {
        // Arrange
        var output = Script(("src", "/hotjar.js"), ("NONCE", "own"));

        // Act
        Run("analytics", output, granted: [], nonce: "request");

        // Assert
        Assert.Equal("own", output.Attributes["nonce"].Value?.ToString());
        Assert.Single(output.Attributes, a => a.Name.Equals("nonce", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Process_EmptyNonce_NoNonceAdded()
    {
        // Arrange
        var output = Script(("src", "/hotjar.js"));

        // Act
        Run("analytics", output, granted: [], nonce: "");

        // Assert
        Assert.False(output.Attributes.ContainsName("nonce"));
    }

    [Fact]
    public void Process_NoNonceConfigured_NoNonceAdded()
    {
        // Arrange
        var output = Script(("src", "/hotjar.js"));

        // Act
        Run("analytics", output, granted: ["analytics"], nonce: "unused", nonceKeyConfigured: false);

        // Assert: the request has a value under the item key, but no key is configured
        Assert.False(output.Attributes.ContainsName("nonce"));
    }

    private static TagHelperOutput Script(params (string Name, string Value)[] attributes) =>
        new(
            "script",
            new TagHelperAttributeList(attributes.Select(a => new TagHelperAttribute(a.Name, a.Value))),
            (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));

    // granted: null for a visitor who has not decided; otherwise the optional categories of an "accept" decision.
    // nonce: a value in HttpContext.Items["csp-nonce"]; nonceKeyConfigured: whether ConsentKit is told to read it.
    private void Run(string? category, TagHelperOutput output, string[]? granted, string? nonce = null, bool nonceKeyConfigured = true)
    {
        var services = nonce is not null && nonceKeyConfigured ? _servicesWithNonce : _services;
        var consentKit = services.GetRequiredService<ConsentKitServices>();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Items["csp-nonce"] = nonce;
        if (granted is not null)
        {
            var mask = granted.Aggregate(0UL, (m, key) => m | (consentKit.Policy.TryGetCategory(key, out var c) ? c.Bit : 0));
            var decision = new ConsentDecision("id", consentKit.Policy.Revision, consentKit.Time.GetUtcNow(), mask);
            http.Request.Headers.Cookie = $"{Visitor.ConsentCookie}={consentKit.Codec.Encode(decision)}";
        }

        http.Features.Set<IConsentFeature>(new ConsentFeature(http, consentKit));
        Assert.Equal(granted is not null, http.GetConsent().HasDecided);

        var helper = new ScriptConsentTagHelper { Category = category, ViewContext = new ViewContext { HttpContext = http } };
        var context = new TagHelperContext("script", new TagHelperAttributeList(output.Attributes), new Dictionary<object, object>(), "test");
        helper.Process(context, output);
    }
}
