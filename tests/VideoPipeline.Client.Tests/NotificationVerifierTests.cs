using VideoPipeline.Client.Models;
using VideoPipeline.Client.Notifications;
using VideoPipeline.Client.Tests.Infrastructure;

namespace VideoPipeline.Client.Tests;

/// <summary>The client's verifier against deliveries signed by the real pipeline (its NotifyCallerActivity).</summary>
[Collection(StackCollection.Name)]
public sealed class NotificationVerifierTests(ClientStack stack)
{
    [Fact]
    public async Task Verify_DeliveryOfASucceededJob_ReturnsTheNotification()
    {
        var (job, delivery) = await RunJobWithNotificationAsync();

        var notification = Verify(new NotificationVerifier(ClientStack.NotifySigningSecret), delivery);

        Assert.Equal(VideoJobNotification.CompletedType, notification.Type);
        Assert.Equal(job.Id, notification.JobId);
        Assert.Equal(VideoJobStatus.Succeeded, notification.Status);
        Assert.Equal(job.Output!.Sha256, notification.Output!.Sha256);
        Assert.Equal(job.Provider.TaskId, notification.ProviderTaskId);
        Assert.NotNull(notification.Timings!.ArchivedAt);
    }

    [Fact]
    public async Task Verify_TamperedBody_Throws()
    {
        var (_, delivery) = await RunJobWithNotificationAsync();
        var tampered = delivery with { Body = BinaryData.FromString(delivery.Body.ToString().Replace("succeeded", "failed")) };

        var exception = Assert.Throws<NotificationVerificationException>(
            () => Verify(new NotificationVerifier(ClientStack.NotifySigningSecret), tampered));

        Assert.Equal("No signature matches.", exception.Message);
    }

    [Fact]
    public async Task Verify_OtherSecret_Throws()
    {
        var (_, delivery) = await RunJobWithNotificationAsync();
        var other = new NotificationVerifier("whsec_" + Convert.ToBase64String("another-secret"u8.ToArray()));

        Assert.Throws<NotificationVerificationException>(() => Verify(other, delivery));
    }

    [Fact]
    public async Task Verify_ReplayedAfterTheTolerance_Throws()
    {
        var (_, delivery) = await RunJobWithNotificationAsync();
        var sixMinutesLater = new ShiftedTimeProvider(TimeSpan.FromMinutes(6));

        var exception = Assert.Throws<NotificationVerificationException>(
            () => Verify(new NotificationVerifier(ClientStack.NotifySigningSecret, sixMinutesLater), delivery));

        Assert.Contains("webhook-timestamp", exception.Message);
    }

    [Fact]
    public async Task Verify_MissingSignatureHeader_Throws()
    {
        var (_, delivery) = await RunJobWithNotificationAsync();
        var verifier = new NotificationVerifier(ClientStack.NotifySigningSecret);

        Assert.Throws<NotificationVerificationException>(() => verifier.Verify(
            delivery.Header(NotificationVerifier.IdHeader), delivery.Header(NotificationVerifier.TimestampHeader), null, delivery.Body));
    }

    [Fact]
    public void Constructor_SecretNotBase64_Throws() =>
        Assert.Throws<ArgumentException>(() => new NotificationVerifier("whsec_not base64!"));

    private static VideoJobNotification Verify(NotificationVerifier verifier, NotificationReceiver.Delivery delivery) =>
        verifier.Verify(
            delivery.Header(NotificationVerifier.IdHeader),
            delivery.Header(NotificationVerifier.TimestampHeader),
            delivery.Header(NotificationVerifier.SignatureHeader),
            delivery.Body);

    private async Task<(VideoJob Job, NotificationReceiver.Delivery Delivery)> RunJobWithNotificationAsync()
    {
        await using var receiver = new NotificationReceiver(stack.ReceiverPort);
        var request = Jobs.Foxapi();
        request.NotifyUrl = new Uri(receiver.BaseUrl, $"notify/{Guid.NewGuid():N}");
        var operation = await stack.CreateClient().StartJobAsync(request);
        var job = (await operation.WaitForCompletionAsync()).Value;
        var delivery = await receiver.NextAsync();
        Assert.Equal(request.NotifyUrl.AbsolutePath, delivery.Path);
        return (job, delivery);
    }
}
