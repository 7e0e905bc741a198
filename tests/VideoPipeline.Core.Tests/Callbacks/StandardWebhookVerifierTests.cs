using System.Text;
using VideoPipeline.Core.Callbacks;

namespace VideoPipeline.Core.Tests.Callbacks;

/// <summary>
/// The reference vector is the one the Standard Webhooks libraries test against
/// (standard-webhooks/standard-webhooks, libraries/javascript/src/webhook.test.ts, "sign function works").
/// </summary>
public sealed class StandardWebhookVerifierTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string MessageId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long Timestamp = 1614265330;
    private const string Signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"test": 2432232314}""");

    private static StandardWebhookVerifier VerifierAt(long unixSeconds) =>
        new(new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    [Fact]
    public void Verify_SpecTestVector_IsValid()
    {
        var result = VerifierAt(Timestamp).Verify(Secret, MessageId, Timestamp.ToString(), Signature, Body);

        Assert.True(result.IsValid, result.FailureReason);
    }

    [Fact]
    public void ComputeSignature_SpecTestVector_MatchesThePublishedSignature()
    {
        Assert.Equal(Signature, StandardWebhookVerifier.ComputeSignature(Secret, MessageId, Timestamp, Body));
    }

    [Fact]
    public void Verify_SecretWithoutPrefix_IsValid()
    {
        Assert.True(VerifierAt(Timestamp).Verify("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", MessageId, Timestamp.ToString(), Signature, Body).IsValid);
    }

    [Fact]
    public void Verify_TamperedBody_IsRejected()
    {
        var tampered = Encoding.UTF8.GetBytes("""{"test": 2432232315}""");

        var result = VerifierAt(Timestamp).Verify(Secret, MessageId, Timestamp.ToString(), Signature, tampered);

        Assert.False(result.IsValid);
        Assert.Equal("no signature matches", result.FailureReason);
    }

    [Fact]
    public void Verify_ReserialisedBody_IsRejected()
    {
        var minified = Encoding.UTF8.GetBytes("""{"test":2432232314}""");

        Assert.False(VerifierAt(Timestamp).Verify(Secret, MessageId, Timestamp.ToString(), Signature, minified).IsValid);
    }

    [Fact]
    public void Verify_TamperedIdOrTimestamp_IsRejected()
    {
        var verifier = VerifierAt(Timestamp);

        Assert.False(verifier.Verify(Secret, "msg_other", Timestamp.ToString(), Signature, Body).IsValid);
        Assert.False(verifier.Verify(Secret, MessageId, (Timestamp + 1).ToString(), Signature, Body).IsValid);
    }

    [Fact]
    public void Verify_WrongSecret_IsRejected()
    {
        var other = "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("another secret of enough length"));

        var result = VerifierAt(Timestamp).Verify(other, MessageId, Timestamp.ToString(), Signature, Body);

        Assert.False(result.IsValid);
        Assert.Equal("no signature matches", result.FailureReason);
    }

    [Fact]
    public void Verify_TimestampOlderThanFiveMinutes_IsRejected()
    {
        var result = VerifierAt(Timestamp + 301).Verify(Secret, MessageId, Timestamp.ToString(), Signature, Body);

        Assert.False(result.IsValid);
        Assert.Equal("webhook-timestamp is too old", result.FailureReason);
    }

    [Fact]
    public void Verify_TimestampMoreThanFiveMinutesAhead_IsRejected()
    {
        var result = VerifierAt(Timestamp - 301).Verify(Secret, MessageId, Timestamp.ToString(), Signature, Body);

        Assert.False(result.IsValid);
        Assert.Equal("webhook-timestamp is too far in the future", result.FailureReason);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Verify_TimestampAtTheToleranceEdge_IsValid(int skewSeconds)
    {
        Assert.True(VerifierAt(Timestamp + skewSeconds).Verify(Secret, MessageId, Timestamp.ToString(), Signature, Body).IsValid);
    }

    [Fact]
    public void Verify_SeveralSignaturesOneMatching_IsValid()
    {
        var header = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw== garbage "
                     + Signature + " v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";

        Assert.True(VerifierAt(Timestamp).Verify(Secret, MessageId, Timestamp.ToString(), header, Body).IsValid);
    }

    [Theory]
    [InlineData("v1,dawfeoifkpqwoekfpqoekf")]
    [InlineData("v1,")]
    [InlineData("v1,g0hM9SsE")]
    [InlineData("v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    public void Verify_InvalidOrPartialSignature_IsRejected(string header)
    {
        Assert.False(VerifierAt(Timestamp).Verify(Secret, MessageId, Timestamp.ToString(), header, Body).IsValid);
    }

    [Theory]
    [InlineData(null, "1614265330", Signature, "missing webhook-id header")]
    [InlineData(MessageId, null, Signature, "missing webhook-timestamp header")]
    [InlineData(MessageId, "1614265330", null, "missing webhook-signature header")]
    [InlineData(MessageId, "hello", Signature, "webhook-timestamp is not a Unix time in seconds")]
    [InlineData(MessageId, "-5", Signature, "webhook-timestamp is not a Unix time in seconds")]
    public void Verify_MissingOrMalformedHeader_IsRejectedWithReason(string? id, string? timestamp, string? signature, string reason)
    {
        var result = VerifierAt(Timestamp).Verify(Secret, id, timestamp, signature, Body);

        Assert.False(result.IsValid);
        Assert.Equal(reason, result.FailureReason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("whsec_")]
    [InlineData("whsec_not*base64")]
    public void Verify_UnusableSecret_ThrowsBecauseItIsAConfigurationError(string secret)
    {
        Assert.ThrowsAny<ArgumentException>(() => VerifierAt(Timestamp).Verify(secret, MessageId, Timestamp.ToString(), Signature, Body));
    }
}
