using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Samverkan.Common.V1;
using Samverkan.Council.Data;
using Samverkan.Council.Domain;
using Samverkan.Council.Events;
using Samverkan.Council.V1;
using Samverkan.Events.V1;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Hosting;
using Samverkan.ServiceDefaults.Security;

namespace Samverkan.Council.Grpc;

/// <summary>Recommendations: reading them with the public rule, publishing and revising them.</summary>
public sealed partial class CouncilGrpcService
{
    /// <summary>How often a publication draws a number when other publications take the drawn one first.</summary>
    private const int MaxNumberDraws = 10;

    public override async Task<ListRecommendationsResponse> ListRecommendations(ListRecommendationsRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var pageSize = v.PageSize(request.PageSize, 20, 100);
        Guid? caseId = request.CaseId.Length > 0 ? v.Uuid(request.CaseId, "case_id") : null;
        if (request.Outcome != RecommendationOutcome.Unspecified)
        {
            v.Defined(request.Outcome, "outcome");
        }

        if (request.ProgrammeAreaCode.Length > 0)
        {
            v.Check(catalog.FindProgrammeArea(request.ProgrammeAreaCode) is not null, "programme_area_code", "is not a programme-area code");
        }

        var from = v.Date(request.PublishedFrom, "published_from", required: false);
        var to = v.Date(request.PublishedTo, "published_to", required: false);
        if (from is { } f && to is { } t)
        {
            v.Check(f <= t, "published_to", "must not be before published_from");
        }

        var after = v.PageToken(request.PageToken, 3);
        DateTime afterUpdated = default;
        var afterId = Guid.Empty;
        var afterVersion = 0;
        if (after is [var updated, var recommendation, var version])
        {
            v.Check(DateTime.TryParse(updated, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out afterUpdated)
                && Guid.TryParse(recommendation, out afterId)
                && int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out afterVersion),
                "page_token", "is not a page token from a previous response");
        }

        v.ThrowIfInvalid();

        var query = db.Recommendations.AsNoTracking();
        if (!IsCouncil(context.Caller()))
        {
            // Drafts are the council's own; everyone else sees what has been published.
            query = query.Where(r => r.State != RecommendationState.Draft);
        }

        if (caseId is { } id)
        {
            query = query.Where(r => r.CaseId == id);
        }

        if (request.Outcome != RecommendationOutcome.Unspecified)
        {
            query = query.Where(r => r.Outcome == request.Outcome);
        }

        if (request.ProgrammeAreaCode.Length > 0)
        {
            var pattern = $"%|{request.ProgrammeAreaCode}|%";
            query = query.Where(r => EF.Functions.Like(r.ProgrammeAreas, pattern));
        }

        if (from is { } start)
        {
            var since = Stored.Time(SwedishTime.StartOf(start));
            query = query.Where(r => r.PublishedAt >= since);
        }

        if (to is { } end)
        {
            var before = Stored.Time(SwedishTime.EndOf(end));
            query = query.Where(r => r.PublishedAt < before);
        }

        if (after is not null)
        {
            query = query.Where(r => r.UpdatedAt < afterUpdated
                || (r.UpdatedAt == afterUpdated && (r.RecommendationId.CompareTo(afterId) < 0
                    || (r.RecommendationId == afterId && r.Version < afterVersion))));
        }

        var page = await query.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.RecommendationId).ThenByDescending(r => r.Version)
            .Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListRecommendationsResponse { Recommendations = { page.Take(pageSize).Select(r => r.ToProto()) } };
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            response.NextPageToken = Paging.Encode(last.UpdatedAt.ToString("O", CultureInfo.InvariantCulture), last.RecommendationId.ToString(), last.Version.ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }

    public override async Task<GetRecommendationResponse> GetRecommendation(GetRecommendationRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var (id, version) = v.ParseRecommendation(request.Name, "name", versionRequired: false);
        v.ThrowIfInvalid();
        var council = IsCouncil(context.Caller());
        var query = db.Recommendations.AsNoTracking().Where(r => r.RecommendationId == id);
        RecommendationRecord? found;
        if (version is { } n)
        {
            found = await query.SingleOrDefaultAsync(r => r.Version == n, context.CancellationToken);
        }
        else
        {
            // The latest version the caller may read: the council sees a pending draft, everyone else the publication.
            found = await query.Where(r => council || r.State != RecommendationState.Draft).OrderByDescending(r => r.Version).FirstOrDefaultAsync(context.CancellationToken);
        }

        return new GetRecommendationResponse { Recommendation = Readable(found, request.Name, council).ToProto() };
    }

    public override async Task<GetDecisionRecordResponse> GetDecisionRecord(GetDecisionRecordRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var (id, version) = v.ParseRecommendation(request.Name, "name", versionRequired: true);
        v.ThrowIfInvalid();
        var r = Readable(await db.Recommendations.AsNoTracking().SingleOrDefaultAsync(x => x.RecommendationId == id && x.Version == version, context.CancellationToken),
            request.Name, IsCouncil(context.Caller()));
        var meeting = await db.Meetings.AsNoTracking().SingleAsync(m => m.MeetingId == r.MeetingId, context.CancellationToken);
        var conflicts = await db.Conflicts.AsNoTracking().Where(c => c.AgendaItemId == r.AgendaItemId).OrderBy(c => c.Id).ToListAsync(context.CancellationToken);
        var members = await MembersByIdAsync(context.CancellationToken);
        return new GetDecisionRecordResponse
        {
            DecisionRecord = new DecisionRecord
            {
                Recommendation = CouncilNames.Recommendation(r.RecommendationId, r.Version),
                Meeting = CouncilNames.Meeting(r.MeetingId),
                MeetingDate = RecommendationEvents.ToDate(meeting.MeetingDate),
                AgendaItem = CouncilNames.AgendaItem(r.MeetingId, r.AgendaItemId),
                Participants = { Stored.Codes(r.Participants).Select(p => members[Guid.Parse(p)].ToParticipant()) },
                ExcludedForConflict = { conflicts.Select(c => c.ToProto(members)) },
                Outcome = r.Outcome,
                Grounds = r.ParseGrounds(),
                Audit = new AuditInfo
                {
                    Actor = new Actor { Subject = r.DecidedBySubject, Organisation = r.DecidedByOrganisation },
                    Time = CouncilMapping.ToTimestamp(r.DecidedAt),
                    Reason = r.Summary,
                },
            },
        };
    }

    [Authorize(Roles = Roles.CouncilSecretary)]
    public override async Task<PublishRecommendationResponse> PublishRecommendation(PublishRecommendationRequest request, ServerCallContext context)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (record, revision) = await DraftToPublishAsync(request.Name, request.Etag, request.Reason, changeSummary: null, context);
            if (record.Version != 1)
            {
                throw new FailedPreconditionException("REVISION_NOT_PUBLISHED_HERE", request.Name,
                    $"Version {record.Version} revises {record.Number}; publish it with ReviseRecommendation, saying what changed.");
            }

            var now = clock.GetUtcNow();
            var year = TimeZoneInfo.ConvertTime(now, SwedishTime.Zone).Year;
            var prefix = RecommendationNumbers.Prefix(year);
            var issued = await db.Recommendations.AsNoTracking().Where(r => r.Version == 1 && r.Number != null && r.Number.StartsWith(prefix))
                .Select(r => r.Number!).ToListAsync(context.CancellationToken);
            var number = RecommendationNumbers.Next(year, issued);
            record.Number = number;
            var audit = Publish(record, now, request.Reason, context);
            db.Outbox.Add(RecommendationEvents.Outbox(new RecommendationPublished { Recommendation = RecommendationEvents.Snapshot(record), Audit = audit }, now));
            await ScheduleReviewAsync(record, context.CancellationToken);
            try
            {
                await db.SaveAsync(request.Name, revision, context.CancellationToken);
                return new PublishRecommendationResponse { Recommendation = record.ToProto() };
            }
            catch (DbUpdateException) when (attempt < MaxNumberDraws)
            {
                // Two drafts published at once draw the same number and the unique index refuses the later one: it
                // draws again from scratch. Any other failure is rethrown.
                db.ChangeTracker.Clear();
                if (!await db.Recommendations.AnyAsync(r => r.Number == number && r.Version == 1, context.CancellationToken))
                {
                    throw;
                }
            }
        }
    }

    [Authorize(Roles = Roles.CouncilSecretary)]
    public override async Task<ReviseRecommendationResponse> ReviseRecommendation(ReviseRecommendationRequest request, ServerCallContext context)
    {
        var (record, revision) = await DraftToPublishAsync(request.Name, request.Etag, request.Reason, request.ChangeSummary, context);
        if (record.Version == 1)
        {
            throw new FailedPreconditionException("NOTHING_TO_REVISE", request.Name, "Version 1 is a first publication; publish it with PublishRecommendation.");
        }

        var previous = await db.Recommendations.SingleAsync(r => r.RecommendationId == record.RecommendationId && r.Version == record.PreviousVersion, context.CancellationToken);
        var now = clock.GetUtcNow();
        previous.State = RecommendationState.Superseded;
        previous.UpdatedAt = Stored.Time(now);
        previous.Revision++;
        record.ChangeSummary = request.ChangeSummary.Trim();
        var audit = Publish(record, now, request.Reason, context);
        db.Audit(audit, CouncilNames.Recommendation(previous.RecommendationId, previous.Version), "recommendation.superseded", $"Replaced by version {record.Version}");
        db.Outbox.Add(RecommendationEvents.Outbox(new RecommendationRevised
        {
            Recommendation = RecommendationEvents.Snapshot(record),
            PreviousVersion = previous.Version,
            ChangeSummary = record.ChangeSummary,
            Audit = audit,
        }, now));
        await db.CancelTimerAsync(ReviewDueTimer.Kind, ReviewDueTimer.Key(previous.RecommendationId, previous.Version), context.CancellationToken);
        await ScheduleReviewAsync(record, context.CancellationToken);
        await db.SaveAsync(request.Name, revision, context.CancellationToken);
        return new ReviseRecommendationResponse { Recommendation = record.ToProto() };
    }

    /// <summary>A draft the caller last read, with a review date still ahead; published versions are immutable.</summary>
    private async Task<(RecommendationRecord Record, int Revision)> DraftToPublishAsync(string name, string etag, string reason, string? changeSummary, ServerCallContext context)
    {
        var v = new Validation();
        var (id, version) = v.ParseRecommendation(name, "name", versionRequired: true);
        var revision = v.ParseEtag(etag, "recommendation");
        if (changeSummary is not null)
        {
            v.Required(changeSummary, "change_summary", 4000);
        }

        v.Required(reason, "reason", 2000);
        v.ThrowIfInvalid();

        var record = await db.Recommendations.SingleOrDefaultAsync(r => r.RecommendationId == id && r.Version == version, context.CancellationToken)
            ?? throw new NotFoundException(name);
        Etags.CheckEtag(name, record.Revision, revision);
        if (record.State != RecommendationState.Draft)
        {
            throw new FailedPreconditionException("ALREADY_PUBLISHED", name, $"Version {record.Version} of {record.Number} is {record.State} and can no longer change; a change is a new version.");
        }

        if (record.ReviewDate <= clock.Today())
        {
            throw new FailedPreconditionException("REVIEW_DATE_PASSED", name, $"The decided review date {record.ReviewDate:yyyy-MM-dd} has passed; the council decides again.");
        }

        return (record, revision);
    }

    private AuditInfo Publish(RecommendationRecord record, DateTimeOffset now, string reason, ServerCallContext context)
    {
        record.State = RecommendationState.Published;
        record.PublishedAt = Stored.Time(now);
        record.UpdatedAt = record.PublishedAt.Value;
        record.Revision++;
        var audit = Audit(context, reason.Trim());
        db.Audit(audit, CouncilNames.Recommendation(record.RecommendationId, record.Version), "recommendation.published",
            $"{record.Number} version {record.Version}: {record.Outcome}, review {record.ReviewDate:yyyy-MM-dd}");
        return audit;
    }

    private Task ScheduleReviewAsync(RecommendationRecord record, CancellationToken cancellationToken) =>
        db.ScheduleTimerAsync(ReviewDueTimer.Kind, ReviewDueTimer.Key(record.RecommendationId, record.Version),
            SwedishTime.StartOf(record.ReviewDate), data: null, cancellationToken);

    /// <summary>Published (and superseded) versions are public; a draft is the council's own.</summary>
    private static RecommendationRecord Readable(RecommendationRecord? record, string name, bool council)
    {
        if (record is null)
        {
            throw new NotFoundException(name);
        }

        if (record.State == RecommendationState.Draft && !council)
        {
            throw new PermissionDeniedException("DRAFT_NOT_PUBLISHED", "A draft recommendation is read by the council only until it is published.");
        }

        return record;
    }
}
