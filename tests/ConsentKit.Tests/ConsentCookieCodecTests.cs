using System.Text;
using ConsentKit.Configuration;
using ConsentKit.Consent;
using ConsentKit.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ConsentKit.Tests;

/// <summary>
/// The consent cookie's value: what one policy writes, the same or a changed policy reads back;
/// anything else decodes to "no decision" with the reason, and never throws.
/// </summary>
public sealed class ConsentCookieCodecTests
{
    private readonly EphemeralDataProtectionProvider _keys = new();
    private readonly ManualClock _clock = new();

    [Fact]
    public void Decode_EncodedDecision_RoundTrips()
    {
        // Arrange
        var policy = Policy("necessary*", "analytics", "marketing");
        var codec = Codec(policy);
        var decision = new ConsentDecision("abc123", 1, _clock.GetUtcNow(), Mask(policy, "necessary", "marketing"));

        // Act
        var decoded = codec.Decode(codec.Encode(decision), out var problem);

        // Assert
        Assert.Equal(ConsentCookieProblem.None, problem);
        Assert.Equal(decision, decoded);
    }

    [Fact]
    public void Encode_Decision_CookieSafeValueThatHidesItsContent()
    {
        // Arrange
        var policy = Policy("necessary*", "analytics");
        var codec = Codec(policy);

        // Act
        var value = codec.Encode(new ConsentDecision("visitor-id-42", 1, _clock.GetUtcNow(), policy.AllMask));

        // Assert
        Assert.Matches("^1\\.[A-Za-z0-9_-]+$", value);
        Assert.DoesNotContain("visitor-id-42", value);
        Assert.DoesNotContain("analytics", value);
        Assert.True(value.Length < 512, $"A two-category cookie should stay small; it is {value.Length} characters.");
    }

    [Fact]
    public void Decode_RequiredCategoryMissingFromMask_RequiredGranted()
    {
        // Arrange
        var policy = Policy("necessary*", "analytics");
        var codec = Codec(policy);
        var value = codec.Encode(new ConsentDecision("id", 1, _clock.GetUtcNow(), GrantedMask: 0));

        // Act
        var decoded = codec.Decode(value, out _);

        // Assert
        Assert.NotNull(decoded);
        Assert.Equal(["necessary"], policy.KeysOf(decoded.GrantedMask));
    }

    [Fact]
    public void Decode_CategoryRemovedFromConfigurationSince_IgnoredAndRestKept()
    {
        // Arrange
        var before = Policy("necessary*", "analytics", "marketing");
        var after = Policy("necessary*", "analytics");
        var value = Codec(before).Encode(new ConsentDecision("id", 1, _clock.GetUtcNow(), before.AllMask));

        // Act
        var decoded = Codec(after).Decode(value, out var problem);

        // Assert
        Assert.Equal(ConsentCookieProblem.None, problem);
        Assert.NotNull(decoded);
        Assert.Equal(["necessary", "analytics"], after.KeysOf(decoded.GrantedMask));
    }

    [Fact]
    public void Decode_CategoriesReorderedAndAddedSince_GrantsFollowKeysNotPositions()
    {
        // Arrange
        var before = Policy("necessary*", "analytics", "marketing");
        var after = Policy("marketing", "support", "necessary*", "analytics");
        var value = Codec(before).Encode(new ConsentDecision("id", 1, _clock.GetUtcNow(), Mask(before, "marketing")));

        // Act
        var decoded = Codec(after).Decode(value, out _);

        // Assert
        Assert.NotNull(decoded);
        Assert.Equal(["marketing", "necessary"], after.KeysOf(decoded.GrantedMask));
    }

    [Fact]
    public void Decode_CategoryBecameRequiredSince_Granted()
    {
        // Arrange
        var before = Policy("necessary*", "chat");
        var after = Policy("necessary*", "chat*");
        var value = Codec(before).Encode(new ConsentDecision("id", 1, _clock.GetUtcNow(), before.RequiredMask));

        // Act
        var decoded = Codec(after).Decode(value, out _);

        // Assert
        Assert.NotNull(decoded);
        Assert.Equal(["necessary", "chat"], after.KeysOf(decoded.GrantedMask));
    }

    [Fact]
    public void Decode_OtherRevision_OtherRevisionProblem()
    {
        // Arrange
        var value = Codec(Policy("necessary*", "analytics")).Encode(new ConsentDecision("id", 1, _clock.GetUtcNow(), ulong.MaxValue));

        // Act
        var decoded = Codec(Policy(revision: 2, "necessary*", "analytics")).Decode(value, out var problem);

        // Assert
        Assert.Null(decoded);
        Assert.Equal(ConsentCookieProblem.OtherRevision, problem);
    }

    [Theory]
    [InlineData(0, nameof(ConsentCookieProblem.None))]
    [InlineData(182 * 86400 - 1, nameof(ConsentCookieProblem.None))]
    [InlineData(182 * 86400, nameof(ConsentCookieProblem.Expired))]
    [InlineData(-5 * 60, nameof(ConsentCookieProblem.None))]
    [InlineData(-5 * 60 - 1, nameof(ConsentCookieProblem.Expired))]
    public void Decode_DecisionOfAge_ExpiresAfterLifetimeAndRefusesFarFuture(int ageInSeconds, string expectedProblem)
    {
        // Arrange: a negative age is a decision dated in the future (clock skew between instances)
        var expected = Enum.Parse<ConsentCookieProblem>(expectedProblem);
        var policy = Policy("necessary*", "analytics");
        var codec = Codec(policy);
        var value = codec.Encode(new ConsentDecision("id", 1, _clock.GetUtcNow(), policy.AllMask));
        _clock.Advance(TimeSpan.FromSeconds(ageInSeconds));

        // Act
        var decoded = codec.Decode(value, out var problem);

        // Assert
        Assert.Equal(expected, problem);
        Assert.Equal(expected == ConsentCookieProblem.None, decoded is not null);
    }

    [Theory]
    [InlineData(null, nameof(ConsentCookieProblem.Missing))]
    [InlineData("", nameof(ConsentCookieProblem.Missing))]
    [InlineData("1.", nameof(ConsentCookieProblem.Tampered))]
    [InlineData("1", nameof(ConsentCookieProblem.Malformed))]
    [InlineData("2.AAAA", nameof(ConsentCookieProblem.Malformed))]
    [InlineData("necessary,analytics", nameof(ConsentCookieProblem.Malformed))]
    [InlineData("1.***", nameof(ConsentCookieProblem.Malformed))]
    [InlineData("1.A", nameof(ConsentCookieProblem.Malformed))]
    [InlineData("1.QUJD", nameof(ConsentCookieProblem.Tampered))]
    public void Decode_NotACookieOfThisCodec_ProblemWithoutThrowing(string? value, string expectedProblem)
    {
        // Arrange
        var expected = Enum.Parse<ConsentCookieProblem>(expectedProblem);

        // Act
        var decoded = Codec(Policy("necessary*", "analytics")).Decode(value, out var problem);

        // Assert
        Assert.Null(decoded);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Decode_OversizedValue_Malformed()
    {
        // Arrange
        var policy = Policy("necessary*", "analytics");
        var codec = Codec(policy);
        var value = codec.Encode(new ConsentDecision("id", 1, _clock.GetUtcNow(), policy.AllMask)) + new string('A', 2048);

        // Act
        var decoded = codec.Decode(value, out var problem);

        // Assert
        Assert.Null(decoded);
        Assert.Equal(ConsentCookieProblem.Malformed, problem);
    }

    [Fact]
    public void Decode_EveryCharacterChangedInTurn_NeverDecodes()
    {
        // Arrange
        var policy = Policy("necessary*", "analytics");
        var codec = Codec(policy);
        var value = codec.Encode(new ConsentDecision("id", 1, _clock.GetUtcNow(), policy.AllMask));

        for (var i = 0; i < value.Length; i++)
        {
            // Act
            var chars = value.ToCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
            var decoded = codec.Decode(new string(chars), out var problem);

            // Assert: the last character may only carry unused padding bits, and then the value is unchanged
            if (decoded is not null)
            {
                Assert.Equal(value.Length - 1, i);
                Assert.Equal(ConsentCookieProblem.None, problem);
            }
            else
            {
                Assert.NotEqual(ConsentCookieProblem.None, problem);
            }
        }
    }

    [Fact]
    public void Decode_ValueOfAnotherKeyRing_Tampered()
    {
        // Arrange
        var policy = Policy("necessary*", "analytics");
        var value = Codec(policy).Encode(new ConsentDecision("id", 1, _clock.GetUtcNow(), policy.AllMask));
        var otherSite = new ConsentCookieCodec(new EphemeralDataProtectionProvider(), policy, _clock);

        // Act
        var decoded = otherSite.Decode(value, out var problem);

        // Assert
        Assert.Null(decoded);
        Assert.Equal(ConsentCookieProblem.Tampered, problem);
    }

    [Fact]
    public void Decode_ValueProtectedForAnotherPurpose_Tampered()
    {
        // Arrange: same keys, but protected by another feature of the application
        var payload = $"id|1|{_clock.GetUtcNow().ToUnixTimeSeconds()}|analytics";
        var value = "1." + System.Buffers.Text.Base64Url.EncodeToString(
            _keys.CreateProtector("SomeOtherFeature").Protect(Encoding.UTF8.GetBytes(payload)));

        // Act
        var decoded = Codec(Policy("necessary*", "analytics")).Decode(value, out var problem);

        // Assert
        Assert.Null(decoded);
        Assert.Equal(ConsentCookieProblem.Tampered, problem);
    }

    [Theory]
    [InlineData("id|1|{now}")]
    [InlineData("id|1|{now}|analytics||extra")]
    [InlineData("|1|{now}|analytics")]
    [InlineData("id|one|{now}|analytics")]
    [InlineData("id|+1|{now}|analytics")]
    [InlineData("id|1|-{now}|analytics")]
    [InlineData("id|1| {now}|analytics")]
    [InlineData("id|1|99999999999999999|analytics")]
    [InlineData("id|1|999999999999999999999999|analytics")]
    [InlineData("")]
    public void Decode_GenuinelyProtectedButMalformedPayload_Malformed(string payloadTemplate)
    {
        // Arrange: signed with the right keys and purpose, so only the payload check can refuse it
        var value = Protect(payloadTemplate);

        // Act
        var decoded = Codec(Policy("necessary*", "analytics")).Decode(value, out var problem);

        // Assert
        Assert.Null(decoded);
        Assert.Equal(ConsentCookieProblem.Malformed, problem);
    }

    [Theory]
    [InlineData("id|1|{now}|analytics", "necessary,analytics")]
    [InlineData("id|1|{now}|", "necessary")]
    [InlineData("id|1|{now}|,,analytics,", "necessary,analytics")]
    [InlineData("id|1|{now}|ANALYTICS", "necessary,analytics")]
    [InlineData("id|1|{now}|marketing,analytics", "necessary,analytics")]
    [InlineData("id|1|{now}|analytics ", "necessary")]
    public void Decode_GenuinelyProtectedPayload_GrantsOnlyKnownKeysPlusRequired(string payloadTemplate, string expectedGranted)
    {
        // Arrange
        var policy = Policy("necessary*", "analytics");
        var value = Protect(payloadTemplate);

        // Act
        var decoded = Codec(policy).Decode(value, out var problem);

        // Assert
        Assert.Equal(ConsentCookieProblem.None, problem);
        Assert.NotNull(decoded);
        Assert.Equal(expectedGranted, string.Join(',', policy.KeysOf(decoded.GrantedMask)));
    }

    private string Protect(string payloadTemplate)
    {
        var payload = payloadTemplate.Replace("{now}", _clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var protector = _keys.CreateProtector(ConsentCookieCodec.Purpose);
        return "1." + System.Buffers.Text.Base64Url.EncodeToString(protector.Protect(Encoding.UTF8.GetBytes(payload)));
    }

    private ConsentCookieCodec Codec(ConsentPolicy policy) => new(_keys, policy, _clock);

    private static ConsentPolicy Policy(params string[] keys) => Policy(1, keys);

    // A key ending in '*' is a required category.
    private static ConsentPolicy Policy(int revision, params string[] keys)
    {
        var options = new ConsentKitOptions { Revision = revision };
        foreach (var key in keys)
        {
            options.Categories.Add(new ConsentCategoryOptions { Key = key.TrimEnd('*'), Required = key.EndsWith('*') });
        }

        return new ConsentPolicy(Options.Create(options));
    }

    private static ulong Mask(ConsentPolicy policy, params string[] keys)
    {
        ulong mask = 0;
        foreach (var key in keys)
        {
            Assert.True(policy.TryGetCategory(key, out var category));
            mask |= category.Bit;
        }

        return mask;
    }
}
