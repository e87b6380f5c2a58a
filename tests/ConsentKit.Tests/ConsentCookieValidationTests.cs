using System.Net;
using AngleSharp.Html.Dom;
using ConsentKit.Tests.Infrastructure;

namespace ConsentKit.Tests;

/// <summary>
/// A consent cookie that is not a current, genuine decision (tampered, garbage, cut short, another format
/// version, another policy revision, expired, from the future) reads as "undecided" on the sample site:
/// the page is served, the banner asks again, analytics stays inert. Never an error, never a grant.
/// </summary>
public sealed class ConsentCookieValidationTests
{
    public enum Corruption
    {
        FlippedCharacter,
        Truncated,
        WrongFormatVersion,
        NoFormatVersion,
        InvalidBase64,
        Garbage,
        Empty,
        Oversized,
        PlainKeyList,
        OtherKeyRing,
    }

    [Theory]
    [InlineData(Corruption.FlippedCharacter)]
    [InlineData(Corruption.Truncated)]
    [InlineData(Corruption.WrongFormatVersion)]
    [InlineData(Corruption.NoFormatVersion)]
    [InlineData(Corruption.InvalidBase64)]
    [InlineData(Corruption.Garbage)]
    [InlineData(Corruption.Empty)]
    [InlineData(Corruption.Oversized)]
    [InlineData(Corruption.PlainKeyList)]
    [InlineData(Corruption.OtherKeyRing)]
    public async Task Page_CorruptedAcceptAllCookie_UndecidedAndAnalyticsInert(Corruption corruption)
    {
        // Arrange: a genuine "accept all" cookie, then changed the way an attacker or a broken proxy would
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();
        var genuine = await AcceptAllAsync(visitor);
        visitor.Cookies[Visitor.ConsentCookie] = corruption == Corruption.OtherKeyRing
            ? await AcceptAllElsewhereAsync()
            : Corrupt(genuine, corruption);

        // Act
        var page = await visitor.OpenPageAsync("/");
        var consent = await visitor.GetConsentAsync("analytics");

        // Assert
        AssertUndecided(page, consent);
    }

    [Fact]
    public async Task Page_GenuineCookie_Decided()
    {
        // Arrange: the control for the corruption cases: the same steps without the corruption
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();
        var genuine = await AcceptAllAsync(visitor);
        visitor.Cookies[Visitor.ConsentCookie] = genuine;

        // Act
        var page = await visitor.OpenPageAsync("/");
        var consent = await visitor.GetConsentAsync("analytics");

        // Assert
        Assert.Equal("decided", Page.BannerState(page));
        Assert.True(Page.IsLive(Page.AnalyticsScript(page)));
        Assert.True(consent.IsGranted["analytics"]);
    }

    [Fact]
    public async Task Decision_AfterCorruptedCookie_ReplacesItWithAWorkingOne()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();
        visitor.Cookies[Visitor.ConsentCookie] = Corrupt(await AcceptAllAsync(visitor), Corruption.FlippedCharacter);
        var page = await visitor.OpenPageAsync("/");

        // Act
        using var response = await visitor.SubmitBannerAsync(page, "reject-all");
        var consent = await visitor.GetConsentAsync("analytics");

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.True(consent.HasDecided);
        Assert.False(consent.IsGranted["analytics"]);
    }

    [Fact]
    public async Task Page_CookieOfEarlierRevision_Undecided()
    {
        // Arrange: two instances share one key ring; the second runs the next revision of the policy
        var keys = new InMemoryKeyRing();
        await using var current = new SampleSite(keys: keys);
        await using var revised = new SampleSite(new Dictionary<string, string?> { ["ConsentKit:Revision"] = "2" }, keys);
        using var visitor = current.CreateVisitor();
        var cookie = await AcceptAllAsync(visitor);
        using var returning = revised.CreateVisitor();
        returning.Cookies[Visitor.ConsentCookie] = cookie;

        // Act
        var page = await returning.OpenPageAsync("/");
        var consent = await returning.GetConsentAsync("analytics");

        // Assert
        AssertUndecided(page, consent);
    }

    [Fact]
    public async Task Page_CookieFromAnotherInstanceWithSameKeysAndRevision_Decided()
    {
        // Arrange: the control for the revision case: sharing the key ring alone keeps the decision
        var keys = new InMemoryKeyRing();
        await using var first = new SampleSite(keys: keys);
        await using var second = new SampleSite(keys: keys);
        using var visitor = first.CreateVisitor();
        var cookie = await AcceptAllAsync(visitor);
        using var sameVisitorOnSecond = second.CreateVisitor();
        sameVisitorOnSecond.Cookies[Visitor.ConsentCookie] = cookie;

        // Act
        var page = await sameVisitorOnSecond.OpenPageAsync("/");
        var consent = await sameVisitorOnSecond.GetConsentAsync("analytics");

        // Assert
        Assert.Equal("decided", Page.BannerState(page));
        Assert.True(Page.IsLive(Page.AnalyticsScript(page)));
        Assert.True(consent.IsGranted["analytics"]);
        Assert.Equal((await visitor.GetConsentAsync()).ConsentId, consent.ConsentId);
    }

    [Fact]
    public async Task Decision_AfterRevisionChange_RevisedSiteRecordsNewRevision()
    {
        // Arrange
        var keys = new InMemoryKeyRing();
        await using var current = new SampleSite(keys: keys);
        await using var revised = new SampleSite(new Dictionary<string, string?> { ["ConsentKit:Revision"] = "2" }, keys);
        using var visitor = current.CreateVisitor();
        var cookie = await AcceptAllAsync(visitor);
        using var returning = revised.CreateVisitor();
        returning.Cookies[Visitor.ConsentCookie] = cookie;

        // Act
        (await returning.SubmitBannerAsync(await returning.OpenPageAsync("/"), "reject-all")).Dispose();
        var consent = await returning.GetConsentAsync("analytics");

        // Assert
        Assert.True(consent.HasDecided);
        Assert.Equal(2, consent.Revision);
        Assert.False(consent.IsGranted["analytics"]);
    }

    [Fact]
    public async Task Page_CookieJustInsideLifetime_Decided()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();
        await AcceptAllAsync(visitor);
        site.Clock.Advance(TimeSpan.FromDays(182) - TimeSpan.FromSeconds(1));

        // Act
        var page = await visitor.OpenPageAsync("/");

        // Assert
        Assert.Equal("decided", Page.BannerState(page));
        Assert.True(Page.IsLive(Page.AnalyticsScript(page)));
    }

    [Theory]
    [InlineData(182)]
    [InlineData(400)]
    public async Task Page_CookieOlderThanLifetime_Undecided(int ageInDays)
    {
        // Arrange: a browser that kept the cookie past its Max-Age (or a copied cookie) gets no grant from it
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();
        await AcceptAllAsync(visitor);
        site.Clock.Advance(TimeSpan.FromDays(ageInDays));

        // Act
        var page = await visitor.OpenPageAsync("/");
        var consent = await visitor.GetConsentAsync("analytics");

        // Assert
        AssertUndecided(page, consent);
    }

    [Fact]
    public async Task Page_CookieShorterLifetimeConfiguredSince_Undecided()
    {
        // Arrange: the site owner shortened the lifetime to 30 days; a 31-day-old decision no longer counts
        var keys = new InMemoryKeyRing();
        var clock = new ManualClock();
        await using var before = new SampleSite(keys: keys, clock: clock);
        await using var after = new SampleSite(new Dictionary<string, string?> { ["ConsentKit:Cookie:Lifetime"] = "30.00:00:00" }, keys, clock);
        using var visitor = before.CreateVisitor();
        var cookie = await AcceptAllAsync(visitor);
        clock.Advance(TimeSpan.FromDays(31));
        using var returning = after.CreateVisitor();
        returning.Cookies[Visitor.ConsentCookie] = cookie;

        // Act
        var page = await returning.OpenPageAsync("/");
        var consent = await returning.GetConsentAsync("analytics");

        // Assert
        AssertUndecided(page, consent);
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(4, true)]
    public async Task Page_CookieDatedInTheFuture_DecidedOnlyWithinClockSkew(int minutesAhead, bool decided)
    {
        // Arrange: the instance that wrote the cookie runs ahead of the one that reads it
        var keys = new InMemoryKeyRing();
        var writerClock = new ManualClock();
        writerClock.Advance(TimeSpan.FromMinutes(minutesAhead));
        await using var writer = new SampleSite(keys: keys, clock: writerClock);
        await using var reader = new SampleSite(keys: keys);
        using var visitor = writer.CreateVisitor();
        var cookie = await AcceptAllAsync(visitor);
        using var returning = reader.CreateVisitor();
        returning.Cookies[Visitor.ConsentCookie] = cookie;

        // Act
        var consent = await returning.GetConsentAsync("analytics");

        // Assert
        Assert.Equal(decided, consent.HasDecided);
        Assert.Equal(decided, consent.IsGranted["analytics"]);
    }

    private static async Task<string> AcceptAllAsync(Visitor visitor)
    {
        var page = await visitor.OpenPageAsync("/");
        using var response = await visitor.SubmitBannerAsync(page, "accept-all");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return visitor.Cookies[Visitor.ConsentCookie] ?? throw new InvalidOperationException("No consent cookie was written.");
    }

    // A genuine cookie written by a site with its own, different key ring.
    private static async Task<string> AcceptAllElsewhereAsync()
    {
        await using var elsewhere = new SampleSite();
        using var visitor = elsewhere.CreateVisitor();
        return await AcceptAllAsync(visitor);
    }

    private static string Corrupt(string cookie, Corruption corruption)
    {
        switch (corruption)
        {
            case Corruption.FlippedCharacter:
                var chars = cookie.ToCharArray();
                var middle = chars.Length / 2;
                chars[middle] = chars[middle] == 'A' ? 'B' : 'A';
                return new string(chars);
            case Corruption.Truncated:
                return cookie[..^8];
            case Corruption.WrongFormatVersion:
                return "2" + cookie[1..];
            case Corruption.NoFormatVersion:
                return cookie[2..];
            case Corruption.InvalidBase64:
                return "1.%%%not-base64%%%";
            case Corruption.Garbage:
                return "yes-please-track-me";
            case Corruption.Empty:
                return "";
            case Corruption.Oversized:
                return cookie + new string('A', 4096);
            case Corruption.PlainKeyList:
                return "1.necessary,analytics";
            default:
                throw new ArgumentOutOfRangeException(nameof(corruption));
        }
    }

    private static void AssertUndecided(IHtmlDocument page, ConsentSnapshot consent)
    {
        Assert.Equal("undecided", Page.BannerState(page));
        Assert.True(Page.BannerIsOpen(page));
        Assert.True(Page.IsInert(Page.AnalyticsScript(page), "hotjar"));
        Assert.False(Page.CategoryCheckbox(page, "analytics").IsChecked);
        Assert.False(consent.HasDecided);
        Assert.Null(consent.ConsentId);
        Assert.Equal(["necessary"], consent.GrantedCategories);
        Assert.False(consent.IsGranted["analytics"]);
    }
}
