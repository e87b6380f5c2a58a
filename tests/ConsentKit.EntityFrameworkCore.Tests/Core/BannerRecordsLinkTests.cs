using ConsentKit.Configuration;
using ConsentKit.Consent;
using ConsentKit.Records;
using ConsentKit.TagHelpers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.EntityFrameworkCore.Tests.Core;

public sealed class BannerRecordsLinkTests
{
    [Fact]
    public void Render_DecidedWithStoreAndPreferencesAskedFor_LinksToDownloadAndErase()
    {
        var html = Render(hasDecided: true, recordsKept: true, query: "?consentkit=preferences");

        Assert.Contains("<a class=\"ck-link\" href=\"/_consent/records\" download>Download my consent records</a>", html, StringComparison.Ordinal);
        Assert.Contains("formaction=\"/_consent/erase\">Erase my consent records</button>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DecidedWithStoreOnAnyOtherPage_LinksToThePreferencesWhereTheRecordsLinksAre()
    {
        var html = Render(hasDecided: true, recordsKept: true, query: "?page=2");

        Assert.DoesNotContain("/_consent/records", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"ck-btn\" href=\"/account?page=2&amp;consentkit=preferences#ck-prefs\" rel=\"nofollow\" data-consent-action=\"preferences\">", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Render_UndecidedOrNoStore_HasNoRecordsLinks(bool hasDecided, bool recordsKept) =>
        Assert.DoesNotContain("/_consent/records", Render(hasDecided, recordsKept, "?consentkit=preferences"), StringComparison.Ordinal);

    // The banner of a request to /account on real ConsentKit services; "decided" comes from a genuine consent cookie.
    private static string Render(bool hasDecided, bool recordsKept, string query)
    {
        var services = new ServiceCollection().AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddConsentKit(options =>
        {
            options.Categories.Add(new ConsentCategoryOptions { Key = "necessary", Required = true });
            options.Categories.Add(new ConsentCategoryOptions { Key = "analytics" });
        });
        if (recordsKept)
        {
            services.AddSingleton<IConsentRecordStore, UnusedStore>();
        }

        var provider = services.BuildServiceProvider();
        var kit = provider.GetRequiredService<ConsentKitServices>();
        var context = new DefaultHttpContext { RequestServices = provider };
        context.Request.Path = "/account";
        context.Request.QueryString = new QueryString(query);
        if (hasDecided)
        {
            var decision = new ConsentDecision("abcdefghijklmnopqrstuv", kit.Policy.Revision, DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()), kit.Policy.RequiredMask);
            context.Request.Headers.Cookie = $"{kit.Policy.Options.Cookie.Name}={kit.Codec.Encode(decision)}";
        }

        context.Features.Set<IConsentFeature>(new ConsentFeature(context, kit));
        return BannerMarkup.Render(ConsentRenderContext.For(context), "/ck.js");
    }

    // Never called: the banner only needs to know that a store is registered.
    private sealed class UnusedStore : IConsentRecordStore
    {
        public Task<bool> AppendAsync(ConsentRecord record, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<ConsentRecord>> FindByConsentIdAsync(string consentId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ConsentRecord?> FindByIdAsync(Guid id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<int> EraseByConsentIdAsync(string consentId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
