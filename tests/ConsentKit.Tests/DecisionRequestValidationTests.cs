using System.Net;
using System.Text;
using ConsentKit.Tests.Infrastructure;

namespace ConsentKit.Tests;

/// <summary>
/// A decision post that is not a decision (bad JSON, wrong types, unknown action or category, empty,
/// another content type) gets 400 or 415 problem details that say what is wrong, and records nothing.
/// </summary>
public sealed class DecisionRequestValidationTests : IAsyncLifetime
{
    private readonly SampleSite _site = new();
    private Visitor _visitor = null!;
    private string _token = null!;

    public async ValueTask InitializeAsync()
    {
        _visitor = _site.CreateVisitor();
        _token = Page.AntiforgeryToken(await _visitor.OpenPageAsync("/"));
    }

    public async ValueTask DisposeAsync()
    {
        _visitor.Dispose();
        await _site.DisposeAsync();
    }

    [Theory]
    [InlineData("""{"action":""", "could not be read")]
    [InlineData("""{"action":"save","categories":["analytics"]""", "could not be read")]
    [InlineData("not json at all", "could not be read")]
    [InlineData("", "could not be read")]
    [InlineData("""{"action":5}""", "could not be read")]
    [InlineData("""{"action":["accept-all"]}""", "could not be read")]
    [InlineData("""{"action":"save","categories":"analytics"}""", "could not be read")]
    [InlineData("""{"action":"save","categories":{"analytics":true}}""", "could not be read")]
    [InlineData("""{"action":"save","categories":[1]}""", "could not be read")]
    [InlineData("null", "'action' must be one of")]
    [InlineData("{}", "'action' must be one of")]
    [InlineData("[]", "could not be read")]
    [InlineData("""{"action":"grant-everything"}""", "'action' must be one of")]
    [InlineData("""{"action":"ACCEPT ALL"}""", "'action' must be one of")]
    [InlineData("""{"action":""}""", "'action' must be one of")]
    [InlineData("""{"action":"save","categories":["analytics","statistics"]}""", "Unknown category 'statistics'")]
    [InlineData("""{"action":"save","categories":[""]}""", "Unknown category ''")]
    [InlineData("""{"action":"save","categories":[null]}""", "Unknown category")]
    public async Task DecisionJson_BadBody_BadRequestProblemNamingTheFault(string body, string expectedDetail)
    {
        // Act
        using var response = await _visitor.PostJsonAsync(body, _token);

        // Assert
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(expectedDetail, problem.GetProperty("detail").GetString());
        Assert.Null(response.GetSetCookie(Visitor.ConsentCookie));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task SaveJson_UnknownCategory_DetailListsKnownCategoriesAndNothingIsRecorded()
    {
        // Act
        using var response = await _visitor.PostJsonAsync("""{"action":"save","categories":["analytics","statistics"]}""", _token);

        // Assert: not even "analytics", which was valid
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains($"Known categories: {string.Join(", ", _site.CategoryKeys)}.", problem.GetProperty("detail").GetString());
        Assert.False((await _visitor.GetConsentAsync()).HasDecided);
    }

    [Theory]
    [InlineData("grant-everything", "'action' must be one of")]
    [InlineData("", "'action' must be one of")]
    public async Task DecisionForm_UnknownAction_BadRequest(string action, string expectedDetail)
    {
        // Act
        using var response = await _visitor.PostFormAsync(
        [
            new("__RequestVerificationToken", _token),
            new("action", action),
            new("returnUrl", "/"),
        ]);

        // Assert
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(expectedDetail, problem.GetProperty("detail").GetString());
        Assert.Null(response.GetSetCookie(Visitor.ConsentCookie));
    }

    [Fact]
    public async Task DecisionForm_NoAction_BadRequest()
    {
        // Act: the token alone, as when a form is submitted without one of the banner's buttons
        using var response = await _visitor.PostFormAsync([new("__RequestVerificationToken", _token)]);

        // Assert
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'action' must be one of", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task SaveForm_UnknownCategory_BadRequest()
    {
        // Arrange: a tampered checkbox value
        var page = await _visitor.OpenPageAsync("/");
        var checkbox = Page.CategoryCheckbox(page, "analytics");
        checkbox.Value = "statistics";
        checkbox.IsChecked = true;

        // Act
        using var response = await _visitor.SubmitBannerAsync(page, "save");

        // Assert
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Unknown category 'statistics'", problem.GetProperty("detail").GetString());
        Assert.Null(response.GetSetCookie(Visitor.ConsentCookie));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData(null)]
    public async Task Decision_UnsupportedContentType_UnsupportedMediaType(string? contentType)
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Post, Visitor.EndpointPath)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("action=accept-all")),
        };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        request.Headers.Add("RequestVerificationToken", _token);
        request.Headers.Add("Origin", _visitor.Origin);

        // Act
        using var response = await _visitor.SendAsync(request);

        // Assert
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString());
        Assert.Null(response.GetSetCookie(Visitor.ConsentCookie));
    }

    [Fact]
    public async Task SaveJson_CategoryKeyInOtherCase_Accepted()
    {
        // Act
        using var response = await _visitor.PostJsonAsync("""{"action":"save","categories":["Analytics"]}""", _token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await _visitor.GetConsentAsync("analytics")).IsGranted["analytics"]);
    }

    [Fact]
    public async Task SaveJson_RequiredCategoryLeftOut_RequiredStillGranted()
    {
        // Act
        using var response = await _visitor.PostJsonAsync("""{"action":"save","categories":[]}""", _token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var consent = await _visitor.GetConsentAsync("necessary", "analytics");
        Assert.True(consent.IsGranted["necessary"]);
        Assert.False(consent.IsGranted["analytics"]);
    }
}
