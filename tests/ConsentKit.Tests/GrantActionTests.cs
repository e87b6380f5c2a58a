using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsentKit.Tests.Infrastructure;

namespace ConsentKit.Tests;

/// <summary>
/// The decision endpoint's <c>grant</c> action, behind the placeholders' buttons: it adds the given
/// categories to what the visitor granted and keeps every other choice, unlike <c>save</c>, which replaces it.
/// </summary>
public sealed class GrantActionTests : IAsyncLifetime
{
    private TestSite _site = null!;
    private Visitor _visitor = null!;
    private string _token = null!;

    public async ValueTask InitializeAsync()
    {
        _site = await TestSite.StartAsync(TestSite.ThreeCategories());
        _visitor = _site.CreateVisitor();
        _token = await _visitor.GetAntiforgeryTokenAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _visitor.Dispose();
        await _site.DisposeAsync();
    }

    [Fact]
    public async Task Grant_Undecided_GrantsRequiredAndGivenCategories()
    {
        // Act
        using var response = await _visitor.PostJsonAsync("""{"action":"grant","categories":["marketing"]}""", _token);

        // Assert
        var state = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(state.GetProperty("decided").GetBoolean());
        Assert.Equal(["necessary", "marketing"], state.GetProperty("granted").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["analytics"], state.GetProperty("denied").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Grant_AfterSave_AddsToWhatWasGranted()
    {
        // Arrange
        (await _visitor.PostJsonAsync("""{"action":"save","categories":["analytics"]}""", _token)).Dispose();
        var before = await _visitor.GetConsentAsync();

        // Act
        (await _visitor.PostJsonAsync("""{"action":"grant","categories":["marketing"]}""", _token)).Dispose();

        // Assert
        var after = await _visitor.GetConsentAsync();
        Assert.Equal(["necessary", "analytics", "marketing"], after.GrantedCategories);
        Assert.Equal(before.ConsentId, after.ConsentId);
    }

    [Fact]
    public async Task Save_AfterSave_ReplacesWhatWasGranted()
    {
        // Arrange: the control of the test above
        (await _visitor.PostJsonAsync("""{"action":"save","categories":["analytics"]}""", _token)).Dispose();

        // Act
        (await _visitor.PostJsonAsync("""{"action":"save","categories":["marketing"]}""", _token)).Dispose();

        // Assert
        Assert.Equal(["necessary", "marketing"], (await _visitor.GetConsentAsync()).GrantedCategories);
    }

    [Fact]
    public async Task Grant_NoCategories_KeepsTheChoice()
    {
        // Arrange
        (await _visitor.PostJsonAsync("""{"action":"save","categories":["analytics"]}""", _token)).Dispose();

        // Act
        using var response = await _visitor.PostJsonAsync("""{"action":"grant"}""", _token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["necessary", "analytics"], (await _visitor.GetConsentAsync()).GrantedCategories);
    }

    [Fact]
    public async Task Grant_UnknownCategory_BadRequestAndChoiceKept()
    {
        // Arrange
        (await _visitor.PostJsonAsync("""{"action":"save","categories":["analytics"]}""", _token)).Dispose();
        var cookie = _visitor.Cookies[Visitor.ConsentCookie];

        // Act
        using var response = await _visitor.PostJsonAsync("""{"action":"grant","categories":["statistics"]}""", _token);

        // Assert
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'statistics'", problem.GetProperty("detail").GetString());
        Assert.Null(response.GetSetCookie(Visitor.ConsentCookie));
        Assert.Equal(cookie, _visitor.Cookies[Visitor.ConsentCookie]);
    }

    [Fact]
    public async Task Grant_FormPost_RedirectsBack()
    {
        // Act
        using var response = await _visitor.PostFormAsync(
        [
            new("__RequestVerificationToken", _token),
            new("action", "grant"),
            new("categories", "analytics"),
            new("returnUrl", "/pricing"),
        ]);

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/pricing", response.Headers.Location?.OriginalString);
        Assert.Equal(["necessary", "analytics"], (await _visitor.GetConsentAsync()).GrantedCategories);
    }
}
