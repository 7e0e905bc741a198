using System.Reflection;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace VideoPipeline.Functions.Tests.Hosting;

/// <summary>
/// Runs a Functions app's queue trigger functions as the Storage Queues extension does: the queue named by the
/// trigger's <c>%setting%</c>, Base64 messages, the message deleted when the function returns and left to become
/// visible again (with its dequeue count raised) when it throws.
/// </summary>
internal sealed class QueueTriggerListener(
    Assembly assembly, IServiceProvider services, IConfiguration configuration, QueueServiceClient queues) : BackgroundService
{
    // The host's visibilityTimeout for a failed message; short, so redelivery shows within a test.
    private static readonly TimeSpan RetryVisibility = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private List<(MethodInfo Method, QueueClient Queue)> _functions = [];

    /// <summary>
    /// Creates the trigger queues before the app counts as started, as the host's listeners do: a test may send to one
    /// as soon as the app is up.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _functions = FunctionMethods.WithTrigger<QueueTriggerAttribute>(assembly)
            .Select(f => (f.Method, Queue: queues.GetQueueClient(QueueName(f.Trigger))))
            .ToList();
        foreach (var (_, queue) in _functions)
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var (method, queue) in _functions)
            {
                foreach (var message in (await queue.ReceiveMessagesAsync(8, cancellationToken: stoppingToken)).Value)
                {
                    await DeliverAsync(method, queue, message, stoppingToken);
                }
            }

            await Task.Delay(PollInterval, stoppingToken);
        }
    }

    private async Task DeliverAsync(MethodInfo method, QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            using var scope = services.CreateScope();
            await FunctionMethods.InvokeAsync(method, scope.ServiceProvider, parameter =>
                parameter.ParameterType == typeof(QueueMessage) ? message : FunctionMethods.BindDurableClient(parameter, scope.ServiceProvider),
                cancellationToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: RetryVisibility, cancellationToken: cancellationToken);
        }
    }

    private string QueueName(ParameterInfo trigger)
    {
        var setting = trigger.GetCustomAttribute<QueueTriggerAttribute>()!.QueueName.Trim('%');
        return configuration[setting] ?? throw new InvalidOperationException($"The queue trigger's setting '{setting}' is not set.");
    }
}
