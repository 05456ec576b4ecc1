using Samverkan.Testing;

namespace Samverkan.Notifications.Tests;

/// <summary>The notifications service in memory, receiving events through its Dapr subscription routes.</summary>
public sealed class NotificationsFactory() : ServiceFactory<Program>(new Dictionary<string, string?> { ["EventBus:Kind"] = "Dapr" });
