using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Samverkan.Council.Data;
using Samverkan.Council.Domain;
using Samverkan.Council.V1;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Hosting;
using Samverkan.ServiceDefaults.Security;

namespace Samverkan.Council.Grpc;

/// <summary>Meetings: planning, the agenda, holding, the minutes; and the cases waiting for an agenda.</summary>
public sealed partial class CouncilGrpcService
{
    [Authorize(Roles = Roles.CouncilSecretary)]
    public override async Task<PlanMeetingResponse> PlanMeeting(PlanMeetingRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var meetingId = v.Uuid(request.RequestId, "request_id");
        var date = v.Date(request.MeetingDate, "meeting_date", required: true);
        if (date is { } day)
        {
            v.Check(day >= clock.Today(), "meeting_date", "must not lie in the past");
        }

        v.Required(request.Location, "location", 500);
        v.ThrowIfInvalid();

        var members = await MembersByIdAsync(context.CancellationToken);
        if (await LoadMeetingAsync(meetingId, tracked: false, context.CancellationToken) is { } existing)
        {
            return new PlanMeetingResponse { Meeting = existing.ToProto(members) };
        }

        var now = Stored.Time(clock.GetUtcNow());
        var meeting = new MeetingRecord
        {
            MeetingId = meetingId,
            MeetingDate = date!.Value,
            Location = request.Location.Trim(),
            State = MeetingState.Planned,
            Revision = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Meetings.Add(meeting);
        db.Audit(Audit(context, "Meeting planned."), CouncilNames.Meeting(meetingId), "meeting.planned", $"{meeting.MeetingDate:yyyy-MM-dd}, {meeting.Location}");
        await db.SaveChangesAsync(context.CancellationToken);
        return new PlanMeetingResponse { Meeting = meeting.ToProto(members) };
    }

    [Authorize(Roles = MeetingReaders)]
    public override async Task<GetMeetingResponse> GetMeeting(GetMeetingRequest request, ServerCallContext context)
    {
        var meeting = await FindMeetingAsync(request.Name, tracked: false, context.CancellationToken);
        return new GetMeetingResponse { Meeting = meeting.ToProto(await MembersByIdAsync(context.CancellationToken)) };
    }

    [Authorize(Roles = MeetingReaders)]
    public override async Task<ListMeetingsResponse> ListMeetings(ListMeetingsRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var pageSize = v.PageSize(request.PageSize, 20, 100);
        var after = v.PageToken(request.PageToken, 2);
        DateOnly afterDate = default;
        var afterId = Guid.Empty;
        if (after is [var d, var id])
        {
            v.Check(DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out afterDate) && Guid.TryParse(id, out afterId),
                "page_token", "is not a page token from a previous response");
        }

        v.ThrowIfInvalid();
        var query = db.Meetings.AsNoTracking().Include(m => m.AgendaItems).ThenInclude(i => i.Conflicts).AsSplitQuery();
        if (after is not null)
        {
            query = query.Where(m => m.MeetingDate < afterDate || (m.MeetingDate == afterDate && m.MeetingId.CompareTo(afterId) < 0));
        }

        var page = await query.OrderByDescending(m => m.MeetingDate).ThenByDescending(m => m.MeetingId).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var members = await MembersByIdAsync(context.CancellationToken);
        var response = new ListMeetingsResponse { Meetings = { page.Take(pageSize).Select(m => m.ToProto(members)) } };
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            response.NextPageToken = Paging.Encode(last.MeetingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), last.MeetingId.ToString());
        }

        return response;
    }

    [Authorize(Roles = MeetingReaders)]
    public override async Task<CheckMeetingReadinessResponse> CheckMeetingReadiness(CheckMeetingReadinessRequest request, ServerCallContext context)
    {
        var meeting = await FindMeetingAsync(request.Name, tracked: false, context.CancellationToken);
        var sitting = await SittingAsync(meeting.MeetingDate, context.CancellationToken);
        return new CheckMeetingReadinessResponse
        {
            SittingMembers = { sitting.Select(m => m.ToProto()) },
            Warnings = { Readiness.Check(sitting, catalog) },
        };
    }

    [Authorize(Roles = MeetingReaders)]
    public override async Task<ListReadyCasesResponse> ListReadyCases(ListReadyCasesRequest request, ServerCallContext context)
    {
        var waiting = await db.ReadyCases.AsNoTracking().Where(r => r.AgendaItemId == null)
            .OrderBy(r => r.ReadyAt).ThenBy(r => r.CaseId).Take(500).ToListAsync(context.CancellationToken);
        return new ListReadyCasesResponse
        {
            ReadyCases =
            {
                waiting.Select(r => new ReadyCase
                {
                    CaseId = r.CaseId.ToString(),
                    ProductDisplayName = r.ProductDisplayName,
                    Manufacturer = r.Manufacturer,
                    ProgrammeAreaCodes = { Stored.Codes(r.ProgrammeAreas) },
                    AssessmentSummaries = { Stored.Texts(r.AssessmentSummaries) },
                    ReadyTime = CouncilMapping.ToTimestamp(r.ReadyAt),
                }),
            },
        };
    }

    [Authorize(Roles = Roles.CouncilSecretary)]
    public override async Task<AddAgendaItemResponse> AddAgendaItem(AddAgendaItemRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var meetingId = v.ResourceId(request.Meeting, "meetings", "meeting");
        var revision = v.ParseEtag(request.Etag, "meeting");
        Guid? caseId = null;
        if (request.CaseId.Length > 0)
        {
            caseId = v.Uuid(request.CaseId, "case_id");
            v.Check(request.Title.Length == 0, "title", "is only given for items that are not cases; a case item takes its product's name");
        }
        else
        {
            v.Required(request.Title, "title", 200);
        }

        v.MaxLength(request.Description, "description", 4000);
        v.ThrowIfInvalid();

        var meeting = await ChangeMeetingAsync(request.Meeting, meetingId, revision, MeetingAction.AddAgendaItem, context.CancellationToken);
        var item = new AgendaItemRecord
        {
            AgendaItemId = Guid.NewGuid(),
            MeetingId = meetingId,
            Position = meeting.AgendaItems.Count + 1,
            Title = request.Title.Trim(),
            Description = request.Description.Trim(),
        };
        if (caseId is { } id)
        {
            var ready = await db.ReadyCases.SingleOrDefaultAsync(r => r.CaseId == id, context.CancellationToken)
                ?? throw new FailedPreconditionException("CASE_NOT_READY", $"cases/{id}", $"Case {id} has not been marked ready for the council.");
            if (ready.AgendaItemId is { } onAgenda)
            {
                throw new FailedPreconditionException("CASE_ALREADY_ON_AGENDA", $"cases/{id}",
                    $"Case {id} is already on the agenda: {CouncilNames.AgendaItem(ready.MeetingId!.Value, onAgenda)}.");
            }

            item.CaseId = id;
            item.Title = ready.ProductDisplayName;
            item.Description = string.Join("\n", new[] { item.Description }.Concat(Stored.Texts(ready.AssessmentSummaries)).Where(s => s.Length > 0));
            ready.AgendaItemId = item.AgendaItemId;
            ready.MeetingId = meetingId;
        }

        // Added to the set (fix-up puts it in the meeting's collection): through the collection, a key set here would read as an existing row.
        db.AgendaItems.Add(item);
        db.Audit(Audit(context, "Added to the agenda."), CouncilNames.AgendaItem(meetingId, item.AgendaItemId), "meeting.agenda-item-added",
            caseId is null ? item.Title : $"Case {caseId}: {item.Title}");
        await db.SaveAsync(request.Meeting, revision, context.CancellationToken);
        return new AddAgendaItemResponse { Meeting = meeting.ToProto(await MembersByIdAsync(context.CancellationToken)) };
    }

    [Authorize(Roles = Roles.CouncilSecretary)]
    public override async Task<PublishAgendaResponse> PublishAgenda(PublishAgendaRequest request, ServerCallContext context)
    {
        var (meetingId, revision) = Target(request.Name, request.Etag);
        var meeting = await ChangeMeetingAsync(request.Name, meetingId, revision, MeetingAction.PublishAgenda, context.CancellationToken);
        if (meeting.AgendaItems.Count == 0)
        {
            throw new FailedPreconditionException("AGENDA_EMPTY", request.Name, "An agenda without items cannot be published; add at least one item.");
        }

        db.Audit(Audit(context, "Agenda published."), request.Name, "meeting.agenda-published", $"{meeting.AgendaItems.Count} items");
        await db.SaveAsync(request.Name, revision, context.CancellationToken);
        return new PublishAgendaResponse { Meeting = meeting.ToProto(await MembersByIdAsync(context.CancellationToken)) };
    }

    [Authorize(Roles = $"{Roles.CouncilSecretary},{Roles.CouncilMember}")]
    public override async Task<DeclareConflictResponse> DeclareConflict(DeclareConflictRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var (meetingId, itemId) = v.ParseAgendaItem(request.AgendaItem, "agenda_item");
        var revision = v.ParseEtag(request.Etag, "meeting");
        var memberId = v.ResourceId(request.Member, "members", "member");
        v.Required(request.Reason, "reason", 2000);
        v.ThrowIfInvalid();

        var meetingName = CouncilNames.Meeting(meetingId);
        var meeting = await ChangeMeetingAsync(meetingName, meetingId, revision, MeetingAction.DeclareConflict, context.CancellationToken);
        var item = Item(meeting, itemId, request.AgendaItem);
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.MemberId == memberId, context.CancellationToken)
            ?? throw new NotFoundException(request.Member);
        var caller = context.Caller();
        if (!caller.IsInRole(Roles.CouncilSecretary) && caller.ToActor().Subject != member.Subject)
        {
            throw new PermissionDeniedException("NOT_OWN_DECLARATION", "A member declares their own conflicts of interest; the secretary records anyone's.");
        }

        if (item.RecommendationId is not null)
        {
            throw new FailedPreconditionException("ITEM_DECIDED", request.AgendaItem, "The item is decided; a conflict of interest is declared before the decision.");
        }

        if (!member.Decides || !member.SitsOn(meeting.MeetingDate))
        {
            throw new FailedPreconditionException("NOT_A_SITTING_MEMBER", request.Member,
                $"{member.DisplayName} does not hold a deciding seat on {meeting.MeetingDate:yyyy-MM-dd}.");
        }

        if (item.Conflicts.Any(c => c.MemberId == memberId))
        {
            throw new FailedPreconditionException("CONFLICT_ALREADY_DECLARED", request.AgendaItem, $"{member.DisplayName} has already declared a conflict of interest on this item.");
        }

        var audit = Audit(context, request.Reason.Trim());
        db.Conflicts.Add(new ConflictRecord
        {
            AgendaItemId = itemId,
            MemberId = memberId,
            Reason = request.Reason.Trim(),
            DeclaredBySubject = audit.Actor.Subject,
            DeclaredByOrganisation = audit.Actor.Organisation,
            DeclaredAt = Stored.Time(clock.GetUtcNow()),
        });
        db.Audit(audit, request.AgendaItem, "meeting.conflict-declared", $"{member.DisplayName} ({request.Member})");
        await db.SaveAsync(meetingName, revision, context.CancellationToken);
        return new DeclareConflictResponse { Meeting = meeting.ToProto(await MembersByIdAsync(context.CancellationToken)) };
    }

    [Authorize(Roles = Roles.CouncilSecretary)]
    public override async Task<HoldMeetingResponse> HoldMeeting(HoldMeetingRequest request, ServerCallContext context)
    {
        var (meetingId, revision) = Target(request.Name, request.Etag);
        var meeting = await ChangeMeetingAsync(request.Name, meetingId, revision, MeetingAction.Hold, context.CancellationToken);
        if (meeting.MeetingDate > clock.Today())
        {
            throw new FailedPreconditionException("MEETING_DATE_NOT_REACHED", request.Name, $"The meeting is planned for {meeting.MeetingDate:yyyy-MM-dd}; it cannot be held before then.");
        }

        db.Audit(Audit(context, "Meeting held."), request.Name, "meeting.held");
        await db.SaveAsync(request.Name, revision, context.CancellationToken);
        return new HoldMeetingResponse { Meeting = meeting.ToProto(await MembersByIdAsync(context.CancellationToken)) };
    }

    [Authorize(Roles = Roles.CouncilSecretary)]
    public override async Task<ApproveMinutesResponse> ApproveMinutes(ApproveMinutesRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var meetingId = v.ResourceId(request.Name, "meetings", "name");
        var revision = v.ParseEtag(request.Etag, "meeting");
        v.Required(request.Minutes, "minutes", 20000);
        var approvers = MemberIds(v, request.ApprovedBy, "approved_by");
        v.ThrowIfInvalid();

        var meeting = await ChangeMeetingAsync(request.Name, meetingId, revision, MeetingAction.ApproveMinutes, context.CancellationToken);
        var members = await FindMembersAsync(approvers, context.CancellationToken);
        var notSitting = members.Where(m => !m.Decides || !m.SitsOn(meeting.MeetingDate)).ToList();
        if (notSitting.Count > 0)
        {
            throw new FailedPreconditionException("NOT_A_SITTING_MEMBER", request.Name,
                $"{string.Join(", ", notSitting.Select(m => m.DisplayName))} did not hold a deciding seat on the meeting's date.");
        }

        if (!members.Any(m => m.Role is MemberRole.Chair or MemberRole.DeputyChair))
        {
            throw new FailedPreconditionException("MINUTES_NEED_CHAIR", request.Name, "The chair or the deputy chair approves the minutes with the other approvers.");
        }

        meeting.Minutes = request.Minutes.Trim();
        meeting.MinutesApprovedBy = Stored.Codes(approvers.Select(id => id.ToString()));
        db.Audit(Audit(context, "Minutes approved."), request.Name, "meeting.minutes-approved", string.Join(", ", members.Select(m => m.DisplayName)));
        await db.SaveAsync(request.Name, revision, context.CancellationToken);
        return new ApproveMinutesResponse { Meeting = meeting.ToProto(await MembersByIdAsync(context.CancellationToken)) };
    }

    private static (Guid MeetingId, int Revision) Target(string name, string etag)
    {
        var v = new Validation();
        var meetingId = v.ResourceId(name, "meetings", "name");
        var revision = v.ParseEtag(etag, "meeting");
        v.ThrowIfInvalid();
        return (meetingId, revision);
    }

    private Task<MeetingRecord?> LoadMeetingAsync(Guid meetingId, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.Meetings.Include(m => m.AgendaItems).ThenInclude(i => i.Conflicts).AsSplitQuery();
        return (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(m => m.MeetingId == meetingId, cancellationToken);
    }

    private async Task<MeetingRecord> FindMeetingAsync(string name, bool tracked, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var meetingId = v.ResourceId(name, "meetings", "name");
        v.ThrowIfInvalid();
        return await LoadMeetingAsync(meetingId, tracked, cancellationToken) ?? throw new NotFoundException(name);
    }

    /// <summary>The meeting to change: it exists, the caller read its latest version, and its state allows <paramref name="action"/>; its etag moves on.</summary>
    private async Task<MeetingRecord> ChangeMeetingAsync(string name, Guid meetingId, int revision, MeetingAction action, CancellationToken cancellationToken)
    {
        var meeting = await LoadMeetingAsync(meetingId, tracked: true, cancellationToken) ?? throw new NotFoundException(name);
        Etags.CheckEtag(name, meeting.Revision, revision);
        meeting.State = meeting.State.Apply(action, meetingId);
        meeting.Revision++;
        meeting.UpdatedAt = Stored.Time(clock.GetUtcNow());
        return meeting;
    }

    private static AgendaItemRecord Item(MeetingRecord meeting, Guid itemId, string name) =>
        meeting.AgendaItems.SingleOrDefault(i => i.AgendaItemId == itemId) ?? throw new NotFoundException(name);

    private Task<List<MemberRecord>> SittingAsync(DateOnly date, CancellationToken cancellationToken) =>
        db.Members.AsNoTracking().Where(m => m.TermStart <= date && date <= m.TermEnd)
            .OrderBy(m => m.Role).ThenBy(m => m.DisplayName).ToListAsync(cancellationToken);

    /// <summary>Member resource names from a repeated field: at least one, each well-formed, none twice.</summary>
    private static List<Guid> MemberIds(Validation v, IReadOnlyList<string> names, string field)
    {
        v.Check(names.Count > 0, field, "must name at least one member");
        var ids = new List<Guid>();
        for (var i = 0; i < names.Count; i++)
        {
            var id = v.ResourceId(names[i], "members", $"{field}[{i}]");
            if (id != Guid.Empty && v.Check(!ids.Contains(id), $"{field}[{i}]", "names a member already listed"))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>The members with <paramref name="ids"/>, in that order; an unknown one is NotFound.</summary>
    private async Task<List<MemberRecord>> FindMembersAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        var found = await db.Members.AsNoTracking().Where(m => ids.Contains(m.MemberId)).ToListAsync(cancellationToken);
        if (ids.FirstOrDefault(id => found.All(m => m.MemberId != id)) is var unknown && unknown != Guid.Empty)
        {
            throw new NotFoundException(CouncilNames.Member(unknown));
        }

        return [.. ids.Select(id => found.Single(m => m.MemberId == id))];
    }
}
