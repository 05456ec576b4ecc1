using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using Samverkan.Cases.V1;
using Samverkan.Common.V1;
using Samverkan.Eventing;
using Samverkan.Events.V1;

namespace Samverkan.Cases.Tests;

/// <summary>Delivers the other services' events to the host under test the way either bus does: through its dispatcher.</summary>
internal static class Events
{
    public static async Task<string> DeliverAsync(this CasesFactory factory, IMessage payload, string? id = null)
    {
        id ??= Guid.NewGuid().ToString();
        var envelope = new EventEnvelope(id, payload.Descriptor.FullName, "samverkan/tests", factory.Clock.GetUtcNow(), null,
            JsonFormatter.Default.Format(payload));
        await factory.Services.GetRequiredService<EventDispatcher>().DispatchAsync(envelope, CancellationToken.None);
        return id;
    }

    public static RecommendationSnapshot Recommendation(Case c, string recommendationId, int version = 1) => new()
    {
        RecommendationId = recommendationId,
        Number = "MTP-2026-007",
        Version = version,
        CaseId = c.CaseId,
        ProductDisplayName = c.Product.DisplayName,
        Outcome = version == 1 ? RecommendationOutcome.CanUse : RecommendationOutcome.ShouldUse,
        Level = RecommendationLevel.National,
        Summary = "Kan användas inom uppföljning.",
        FollowUpDeadline = new Date { Year = 2027, Month = 6, Day = 30 },
        ReviewDate = new Date { Year = 2028, Month = 12, Day = 1 },
        PublishTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
    };

    public static AuditInfo Secretary { get; } = new()
    {
        Actor = new Actor { Subject = "sekreterare", Organisation = "MTP-rådet" },
        Time = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        Reason = "Beslut vid rådets möte.",
    };
}
