using ConsentKit.Configuration;
using ConsentKit.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConsentKit.Tests;

/// <summary>
/// An invalid ConsentKit configuration stops the application at start-up, with a message that names
/// the configuration key at fault, before any visitor is served.
/// </summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("ConsentKit:Categories:1:Key 'necessary' is already used by ConsentKit:Categories:0", "ConsentKit:Categories:1:Key=necessary", "ConsentKit:Services:1:Category=necessary")]
    [InlineData("ConsentKit:Categories:2:Key 'analytics' is already used by ConsentKit:Categories:1", "ConsentKit:Categories:2:Key=analytics", "ConsentKit:Services:2:Category=analytics")]
    [InlineData("ConsentKit:Categories:1:Key 'Analytics' is not a valid category key", "ConsentKit:Categories:1:Key=Analytics", "ConsentKit:Services:1:Category=necessary")]
    [InlineData("ConsentKit:Categories:1:Key 'Web Analytics' is not a valid category key", "ConsentKit:Categories:1:Key=Web Analytics", "ConsentKit:Services:1:Category=necessary")]
    [InlineData("ConsentKit:Categories:1:Key '-analytics' is not a valid category key", "ConsentKit:Categories:1:Key=-analytics", "ConsentKit:Services:1:Category=necessary")]
    [InlineData("ConsentKit:Categories:1:Key 'a23456789012345678901234567890123' is not a valid category key", "ConsentKit:Categories:1:Key=a23456789012345678901234567890123", "ConsentKit:Services:1:Category=necessary")]
    [InlineData("ConsentKit:Categories:1:Key '' is not a valid category key", "ConsentKit:Categories:1:Key=", "ConsentKit:Services:1:Category=necessary")]
    [InlineData("ConsentKit:Services:1:Category 'statistics' does not match any category key", "ConsentKit:Services:1:Category=statistics")]
    [InlineData("ConsentKit:Services:1:Category is missing", "ConsentKit:Services:1:Category=")]
    [InlineData("ConsentKit:Services:1:Name is missing", "ConsentKit:Services:1:Name=")]
    [InlineData("ConsentKit:Services:1:Key 'Hot Jar' is not a valid service key", "ConsentKit:Services:1:Key=Hot Jar")]
    [InlineData("ConsentKit:Services:1:Key 'marketing' is also a category key", "ConsentKit:Services:1:Key=marketing")]
    [InlineData("ConsentKit:Services:1:Key 'crisp' is used by another service", "ConsentKit:Services:1:Key=crisp")]
    [InlineData("ConsentKit:Services:1:Cookies:0:Name '_hj*Session' has a '*' before its end", "ConsentKit:Services:1:Cookies:0:Name=_hj*Session")]
    [InlineData("ConsentKit:Cookie:Lifetime '396.00:00:00' is longer than 395 days", "ConsentKit:Cookie:Lifetime=396.00:00:00")]
    [InlineData("ConsentKit:Cookie:Lifetime '00:00:00' must be positive", "ConsentKit:Cookie:Lifetime=00:00:00")]
    [InlineData("ConsentKit:Cookie:Lifetime '-1.00:00:00' must be positive", "ConsentKit:Cookie:Lifetime=-1.00:00:00")]
    [InlineData("ConsentKit:Cookie:Name 'consent kit' is not a valid cookie name", "ConsentKit:Cookie:Name=consent kit")]
    [InlineData("ConsentKit:Cookie:SameSite is None but ConsentKit:Cookie:Secure is SameAsRequest", "ConsentKit:Cookie:SameSite=None")]
    [InlineData("ConsentKit:Cookie:Path 'consent' must start with '/'", "ConsentKit:Cookie:Path=consent")]
    [InlineData("ConsentKit:Categories:1:GrantedByDefault is true for the optional category 'analytics'", "ConsentKit:Categories:1:GrantedByDefault=true")]
    [InlineData("ConsentKit:Revision is 0", "ConsentKit:Revision=0")]
    [InlineData("ConsentKit:EndpointPath '/' is not a usable path", "ConsentKit:EndpointPath=/")]
    [InlineData("ConsentKit:PrivacyPolicyUrl 'javascript:alert(1)' is not a usable link", "ConsentKit:PrivacyPolicyUrl=javascript:alert(1)")]
    [InlineData("ConsentKit:Services:1:PrivacyPolicyUrl '//evil.example' is not a usable link", "ConsentKit:Services:1:PrivacyPolicyUrl=//evil.example")]
    [InlineData("ConsentKit:DefaultLanguage 'english' is not a culture name", "ConsentKit:DefaultLanguage=english")]
    [InlineData("ConsentKit:DefaultLanguage '' is not a culture name", "ConsentKit:DefaultLanguage=")]
    [InlineData("ConsentKit:Translations:french is not a culture name", "ConsentKit:Translations:french:Title=Bonjour")]
    [InlineData("ConsentKit:Categories:1:Translations:francais is not a culture name", "ConsentKit:Categories:1:Translations:francais:Title=Mesure")]
    [InlineData("ConsentKit:GoogleConsentMode:Types:ads_storage is not a Google Consent Mode v2 type", "ConsentKit:GoogleConsentMode:Types:ads_storage=marketing")]
    [InlineData("ConsentKit:GoogleConsentMode:Types:analytics_storage 'statistics' does not match any category key", "ConsentKit:GoogleConsentMode:Types:analytics_storage=statistics")]
    public async Task Start_InvalidSetting_ThrowsOptionsValidationExceptionNamingTheKey(string expectedMessage, params string[] overrides)
    {
        // Arrange
        var settings = TestSite.ThreeCategories();
        foreach (var setting in overrides)
        {
            var (key, value) = (setting[..setting.IndexOf('=')], setting[(setting.IndexOf('=') + 1)..]);
            settings[key] = value;
        }

        // Act
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => StartWithoutPipelineAsync(settings));

        // Assert
        Assert.Equal(typeof(ConsentKitOptions), exception.OptionsType);
        Assert.Contains(expectedMessage, exception.Message);
        Assert.Single(exception.Failures);
    }

    [Fact]
    public async Task Start_NoCategories_ThrowsNamingCategories()
    {
        // Act
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => StartWithoutPipelineAsync([]));

        // Assert
        Assert.Contains("ConsentKit:Categories is empty", exception.Message);
    }

    [Theory]
    [InlineData("ConsentKit:Categories:0:Requried", "true", "Requried", "ConsentCategoryOptions")]
    [InlineData("ConsentKit:Services:1:Cookies:0:Lifespan", "1 year", "Lifespan", "ConsentCookieDeclaration")]
    [InlineData("ConsentKit:Cookie:Lifespan", "30.00:00:00", "Lifespan", "ConsentCookieOptions")]
    [InlineData("ConsentKit:Revison", "2", "Revison", "ConsentKitOptions")]
    public async Task Start_MisspeltProperty_ThrowsInvalidOperationExceptionNamingIt(string key, string value, string misspelt, string optionsType)
    {
        // Arrange
        var settings = TestSite.ThreeCategories();
        settings[key] = value;

        // Act
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => StartWithoutPipelineAsync(settings));

        // Assert: the binder names the unknown property and the options type; for an item of a list
        // (Categories:0) it says so in the inner exception, which start-up logs print with the outer one
        var messages = string.Join(Environment.NewLine, Chain(exception).Select(e => e.Message));
        Assert.Contains("ErrorOnUnknownConfiguration", exception.Message);
        Assert.Contains($"'{misspelt}'", messages);
        Assert.Contains($"ConsentKit.Configuration.{optionsType}", messages);
    }

    [Fact]
    public async Task Start_SeveralInvalidSettings_ReportsEveryOne()
    {
        // Arrange
        var settings = TestSite.ThreeCategories();
        settings["ConsentKit:Categories:2:Key"] = "analytics";
        settings["ConsentKit:Services:2:Category"] = "analytics";
        settings["ConsentKit:Cookie:Lifetime"] = "400.00:00:00";

        // Act
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => StartWithoutPipelineAsync(settings));

        // Assert
        Assert.Equal(2, exception.Failures.Count());
        Assert.Contains("ConsentKit:Categories:2:Key 'analytics' is already used", exception.Message);
        Assert.Contains("ConsentKit:Cookie:Lifetime '400.00:00:00' is longer than 395 days", exception.Message);
    }

    [Fact]
    public async Task Start_InvalidSettingWithFullPipeline_ThrowsBeforeServing()
    {
        // Arrange: UseConsentKit() and MapConsentKit() need the options while the pipeline is built
        var settings = TestSite.ThreeCategories();
        settings["ConsentKit:Categories:1:GrantedByDefault"] = "true";

        // Act
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => TestSite.StartAsync(settings));

        // Assert
        Assert.Contains("ConsentKit:Categories:1:GrantedByDefault is true", exception.Message);
    }

    [Fact]
    public async Task Start_InvalidOptionsFromCode_ThrowsNamingTheKey()
    {
        // Arrange: the delegate of AddConsentKit() is validated like configuration
        var builder = TestSite.CreateBuilder(TestSite.ThreeCategories());
        builder.Services.AddConsentKit(options => options.Categories.Add(new ConsentCategoryOptions { Key = "marketing" }));
        await using var app = builder.Build();

        // Act
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("ConsentKit:Categories:3:Key 'marketing' is already used by ConsentKit:Categories:2", exception.Message);
    }

    [Theory]
    [InlineData("ConsentKit:Cookie:Lifetime", "395.00:00:00")]
    [InlineData("ConsentKit:Cookie:Lifetime", "00:00:01")]
    [InlineData("ConsentKit:Categories:0:GrantedByDefault", "true")]
    [InlineData("ConsentKit:Categories:1:Key", "web-analytics_2")]
    [InlineData("ConsentKit:Cookie:SameSite", "Strict")]
    [InlineData("ConsentKit:PrivacyPolicyUrl", "https://example.com/privacy")]
    [InlineData("ConsentKit:DefaultLanguage", "fr-CA")]
    [InlineData("ConsentKit:Translations:pt-BR:Title", "Cookies")]
    [InlineData("ConsentKit:Categories:1:Translations:de:Title", "Statistik")]
    [InlineData("ConsentKit:GoogleConsentMode:Types:analytics_storage", "analytics")]
    public async Task Start_ValidEdgeSetting_Starts(string key, string value)
    {
        // Arrange: the controls for the failures above (the service of category 1 follows its key)
        var settings = TestSite.ThreeCategories();
        settings[key] = value;
        if (key == "ConsentKit:Categories:1:Key")
        {
            settings["ConsentKit:Services:1:Category"] = value;
        }

        // Act
        await using var site = await TestSite.StartAsync(settings);

        // Assert
        using var visitor = site.CreateVisitor();
        Assert.False((await visitor.GetConsentAsync()).HasDecided);
    }

    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            yield return exception;
        }
    }

    private static async Task StartWithoutPipelineAsync(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var builder = TestSite.CreateBuilder(settings);
        builder.Services.AddConsentKit();
        await using var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }
}
