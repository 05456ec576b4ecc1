using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Samverkan.Council.Data;
using Samverkan.Council.Domain;
using Samverkan.Council.V1;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Security;

namespace Samverkan.Council.Grpc;

/// <summary>The council's decision on a case item: who takes part, the quorum, the content; the result is a draft recommendation.</summary>
public sealed partial class CouncilGrpcService
{
    [Authorize(Roles = Roles.CouncilSecretary)]
    public override async Task<RecordDecisionResponse> RecordDecision(RecordDecisionRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var (meetingId, itemId) = v.ParseAgendaItem(request.AgendaItem, "agenda_item");
        var revision = v.ParseEtag(request.Etag, "meeting");
        var participantIds = MemberIds(v, request.Participants, "participants");
        var content = DecisionValidation.Content(v, request, catalog, clock);
        v.ThrowIfInvalid();

        var meetingName = CouncilNames.Meeting(meetingId);
        var meeting = await ChangeMeetingAsync(meetingName, meetingId, revision, MeetingAction.RecordDecision, context.CancellationToken);
        var item = Item(meeting, itemId, request.AgendaItem);
        if (item.CaseId is not { } caseId)
        {
            throw new FailedPreconditionException("NOT_A_CASE_ITEM", request.AgendaItem, "Only an item about a case is decided with a recommendation.");
        }

        if (item.RecommendationId is not null)
        {
            throw new FailedPreconditionException("ITEM_DECIDED", request.AgendaItem, "The item is already decided.");
        }

        var participants = await FindMembersAsync(participantIds, context.CancellationToken);
        var sitting = await SittingAsync(meeting.MeetingDate, context.CancellationToken);
        Quorum.Check(request.AgendaItem, sitting, participants, [.. item.Conflicts.Select(c => c.MemberId)]);

        var recommendation = await DraftAsync(caseId, context.CancellationToken);
        var ready = await db.ReadyCases.AsNoTracking().SingleAsync(r => r.CaseId == caseId, context.CancellationToken);
        var audit = Audit(context, content.Summary);
        var now = Stored.Time(clock.GetUtcNow());
        recommendation.CaseId = caseId;
        recommendation.ProductDisplayName = ready.ProductDisplayName;
        recommendation.ProgrammeAreas = ready.ProgrammeAreas;
        recommendation.Outcome = content.Outcome;
        recommendation.Level = content.Level;
        recommendation.HealthcareRegions = Stored.Codes(content.HealthcareRegionCodes);
        recommendation.State = RecommendationState.Draft;
        recommendation.Conditions = Stored.Texts(content.Conditions);
        recommendation.Grounds = DecisionValidation.Store(content.Grounds);
        recommendation.Summary = content.Summary;
        recommendation.MeetingId = meetingId;
        recommendation.AgendaItemId = itemId;
        recommendation.Participants = Stored.Codes(participants.Select(p => p.MemberId.ToString()));
        recommendation.DecidedBySubject = audit.Actor.Subject;
        recommendation.DecidedByOrganisation = audit.Actor.Organisation;
        recommendation.DecidedAt = now;
        recommendation.FollowUpDeadline = content.FollowUpDeadline;
        recommendation.ReviewDate = content.ReviewDate;
        recommendation.UpdatedAt = now;
        recommendation.Revision = 1;
        db.Recommendations.Add(recommendation);
        item.RecommendationId = recommendation.RecommendationId;
        item.RecommendationVersion = recommendation.Version;

        var name = CouncilNames.Recommendation(recommendation.RecommendationId, recommendation.Version);
        db.Audit(audit, request.AgendaItem, "meeting.decided", $"{content.Outcome} → {name}");
        db.Audit(audit, name, "recommendation.decided",
            $"{content.Outcome}, {content.Level}; taking part: {string.Join(", ", participants.Select(p => p.DisplayName))}; "
            + $"excluded for conflict: {item.Conflicts.Count}; review {content.ReviewDate:yyyy-MM-dd}");
        await db.SaveAsync(meetingName, revision, context.CancellationToken);
        return new RecordDecisionResponse { Recommendation = recommendation.ToProto(), Meeting = meeting.ToProto(await MembersByIdAsync(context.CancellationToken)) };
    }

    /// <summary>
    /// The new version a decision makes: version 1 of a new recommendation, or the next version of the case's published
    /// one (a revision). A decided version not yet published must be published first.
    /// </summary>
    private async Task<RecommendationRecord> DraftAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var latest = await db.Recommendations.AsNoTracking().Where(r => r.CaseId == caseId)
            .OrderByDescending(r => r.DecidedAt).ThenByDescending(r => r.Version).FirstOrDefaultAsync(cancellationToken);
        if (latest is { State: RecommendationState.Draft })
        {
            throw new FailedPreconditionException("DRAFT_PENDING", CouncilNames.Recommendation(latest.RecommendationId, latest.Version),
                $"The case's decided recommendation (version {latest.Version}) is not published yet; publish it before deciding again.");
        }

        return latest is null
            ? new RecommendationRecord { RecommendationId = Guid.NewGuid(), Version = 1 }
            : new RecommendationRecord { RecommendationId = latest.RecommendationId, Version = latest.Version + 1, PreviousVersion = latest.Version, Number = latest.Number };
    }
}
