using System.Net;
using ConsentKit.Configuration;
using ConsentKit.Consent;
using ConsentKit.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ConsentKit.EntityFrameworkCore.Tests.Core;

public sealed class ConsentRecordFactoryTests
{
    [Theory]
    [InlineData("203.0.113.77", IpAddressRecording.Truncated, "203.0.113.0")]
    [InlineData("::ffff:203.0.113.77", IpAddressRecording.Truncated, "203.0.113.0")]
    [InlineData("2001:db8:abcd:12:1:2:3:4", IpAddressRecording.Truncated, "2001:db8:abcd::")]
    [InlineData("203.0.113.77", IpAddressRecording.Full, "203.0.113.77")]
    [InlineData("203.0.113.77", IpAddressRecording.None, null)]
    public void Apply_AddressAndMode_KeepsOnlyWhatTheModeAllows(string address, IpAddressRecording mode, string? expected) =>
        Assert.Equal(expected, IpAddressTruncation.Apply(IPAddress.Parse(address), mode));

    [Theory]
    [InlineData("/pricing?coupon=secret#top", null, "/pricing")]
    [InlineData("https://evil.example/x", "http://shop.test/privacy?q=1", "/privacy")]
    [InlineData(null, "http://other.test/privacy", null)]
    [InlineData("//evil.example/x", null, null)]
    public void PageUrlOf_ReturnUrlOrReferer_KeepsTheLocalPathOnly(string? returnUrl, string? referer, string? expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Host = new HostString("shop.test");
        if (referer is not null)
        {
            context.Request.Headers.Referer = referer;
        }

        Assert.Equal(expected, ConsentRecordFactory.PageUrlOf(context.Request, returnUrl));
    }

    [Fact]
    public void Create_DecisionDenyingAPreviouslyGrantedCategory_IsAWithdrawal()
    {
        var (factory, policy) = CreateFactory(new ConsentKitOptions());
        var context = new DefaultHttpContext();
        context.Request.Headers.UserAgent = new string('x', 600);
        var previous = new ConsentDecision("c1", 1, DateTimeOffset.UtcNow, policy.AllMask);
        var decision = new ConsentDecision("c1", 1, DateTimeOffset.UtcNow, policy.RequiredMask);

        var record = factory.Create(context, previous, decision, ConsentAction.RejectAll, "/");

        Assert.Equal(ConsentAction.Withdrawal, record.Action);
        Assert.Equal(["necessary"], record.Granted);
        Assert.Equal(["analytics"], record.Denied);
        Assert.Equal(ConsentRecordOptions.MaxUserAgentLength, record.UserAgent!.Length);
        Assert.Equal(64, record.PolicyHash.Length);
    }

    [Fact]
    public void Create_FirstRejectAll_IsARejectAll()
    {
        var (factory, policy) = CreateFactory(new ConsentKitOptions());
        var decision = new ConsentDecision("c1", 1, DateTimeOffset.UtcNow, policy.RequiredMask);

        var record = factory.Create(new DefaultHttpContext(), null, decision, ConsentAction.RejectAll, null);

        Assert.Equal(ConsentAction.RejectAll, record.Action);
    }

    [Fact]
    public void PolicyHash_TextChanged_Differs()
    {
        var changed = new ConsentKitOptions();
        changed.Texts.Description = "Another text.";

        var (original, _) = CreateFactory(new ConsentKitOptions());
        var (again, _) = CreateFactory(new ConsentKitOptions());
        var (other, _) = CreateFactory(changed);

        Assert.Equal(original.PolicyHash, again.PolicyHash);
        Assert.NotEqual(original.PolicyHash, other.PolicyHash);
    }

    private static (ConsentRecordFactory Factory, ConsentPolicy Policy) CreateFactory(ConsentKitOptions options)
    {
        options.Categories.Add(new ConsentCategoryOptions { Key = "necessary", Required = true });
        options.Categories.Add(new ConsentCategoryOptions { Key = "analytics", Description = "Hotjar" });
        var policy = new ConsentPolicy(Options.Create(options));
        return (new ConsentRecordFactory(policy, TimeProvider.System, Options.Create(options)), policy);
    }
}
