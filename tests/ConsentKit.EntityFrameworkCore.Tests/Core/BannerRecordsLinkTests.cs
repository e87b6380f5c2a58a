using ConsentKit.Configuration;
using ConsentKit.Consent;
using ConsentKit.TagHelpers;
using Microsoft.Extensions.Options;

namespace ConsentKit.EntityFrameworkCore.Tests.Core;

public sealed class BannerRecordsLinkTests
{
    [Fact]
    public void Render_DecidedWithStore_LinksToDownloadAndErase()
    {
        var html = BannerMarkup.Render(Model(hasDecided: true, recordsKept: true));

        Assert.Contains("<a class=\"ck-link\" href=\"/_consent/records\" download>Download my consent records</a>", html, StringComparison.Ordinal);
        Assert.Contains("formaction=\"/_consent/erase\">Erase my consent records</button>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Render_UndecidedOrNoStore_HasNoRecordsLinks(bool hasDecided, bool recordsKept) =>
        Assert.DoesNotContain("/_consent/records", BannerMarkup.Render(Model(hasDecided, recordsKept)), StringComparison.Ordinal);

    private static BannerModel Model(bool hasDecided, bool recordsKept)
    {
        var options = new ConsentKitOptions();
        options.Categories.Add(new ConsentCategoryOptions { Key = "necessary", Required = true });
        options.Categories.Add(new ConsentCategoryOptions { Key = "analytics" });
        var policy = new ConsentPolicy(Options.Create(options));
        return new BannerModel(policy, hasDecided, policy.RequiredMask, "/_consent", "token", "/", "/ck.css", "/ck.js", recordsKept);
    }
}
