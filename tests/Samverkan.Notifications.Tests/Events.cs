using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Samverkan.Common.V1;
using Samverkan.Eventing;
using Samverkan.Events.V1;

namespace Samverkan.Notifications.Tests;

/// <summary>Delivers the other services' events to the host under test the way either bus does: through its dispatcher.</summary>
internal static class Events
{
    public static async Task<string> DeliverAsync<TProgram>(this WebApplicationFactory<TProgram> factory, IMessage payload, string? id = null)
        where TProgram : class
    {
        id ??= Guid.NewGuid().ToString();
        var envelope = new EventEnvelope(id, payload.Descriptor.FullName, "samverkan/tests", DateTimeOffset.UtcNow, null, JsonFormatter.Default.Format(payload));
        await factory.Services.GetRequiredService<EventDispatcher>().DispatchAsync(envelope, CancellationToken.None);
        return id;
    }

    public static RecommendationPublished Published(string programmeArea, string? recommendationId = null, string number = "MTP-2026-007") => new()
    {
        Recommendation = new RecommendationSnapshot
        {
            RecommendationId = recommendationId ?? Guid.NewGuid().ToString(),
            Number = number,
            Version = 1,
            CaseId = Guid.NewGuid().ToString(),
            ProductDisplayName = "Insulinpump X",
            ProgrammeAreaCodes = { programmeArea },
            Outcome = RecommendationOutcome.CanUse,
            Level = RecommendationLevel.National,
            Summary = "Kan användas inom uppföljning.",
            FollowUpDeadline = new Date { Year = 2027, Month = 6, Day = 30 },
            ReviewDate = new Date { Year = 2028, Month = 12, Day = 1 },
            PublishTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        },
        Audit = new AuditInfo
        {
            Actor = new Actor { Subject = "sekreterare", Organisation = "MTP-rådet" },
            Time = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            Reason = "Beslut vid rådets möte.",
        },
    };
}
