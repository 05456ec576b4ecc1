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

/// <summary>Members and their mandates.</summary>
public sealed partial class CouncilGrpcService
{
    [Authorize(Roles = Roles.CouncilSecretary)]
    public override async Task<CreateMemberResponse> CreateMember(CreateMemberRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var memberId = v.Uuid(request.RequestId, "request_id");
        var m = request.Member;
        DateOnly? start = null, end = null;
        if (m is null)
        {
            v.Add("member", "is required");
        }
        else
        {
            v.Required(m.Subject, "member.subject", 200);
            v.Required(m.DisplayName, "member.display_name", 200);
            if (v.Defined(m.Role, "member.role"))
            {
                if (m.Role is MemberRole.MunicipalRepresentative or MemberRole.Secretary)
                {
                    v.Check(m.HealthcareRegionCode.Length == 0, "member.healthcare_region_code", "is only given for seats from a healthcare region");
                }
                else if (v.Required(m.HealthcareRegionCode, "member.healthcare_region_code", 50))
                {
                    v.Check(catalog.FindHealthcareRegion(m.HealthcareRegionCode) is not null, "member.healthcare_region_code", "is not a healthcare region code");
                }
            }

            start = v.Date(m.TermStart, "member.term_start", required: true);
            end = v.Date(m.TermEnd, "member.term_end", required: true);
            if (start is { } s && end is { } e && v.Check(e >= s, "member.term_end", "must not be before term_start"))
            {
                v.Check(e >= clock.Today(), "member.term_end", "must not lie in the past");
            }
        }

        v.ThrowIfInvalid();
        var existing = await db.Members.AsNoTracking().SingleOrDefaultAsync(x => x.MemberId == memberId, context.CancellationToken);
        if (existing is not null)
        {
            return new CreateMemberResponse { Member = existing.ToProto() };
        }

        var subject = m!.Subject.Trim();
        await CheckSeatFreeAsync(memberId, subject, m.Role, start!.Value, end!.Value, context.CancellationToken);
        var now = Stored.Time(clock.GetUtcNow());
        var member = new MemberRecord
        {
            MemberId = memberId,
            Subject = subject,
            DisplayName = m.DisplayName.Trim(),
            Role = m.Role,
            HealthcareRegionCode = m.HealthcareRegionCode,
            TermStart = start!.Value,
            TermEnd = end!.Value,
            Revision = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Members.Add(member);
        db.Audit(Audit(context, "Appointed to the council."), CouncilNames.Member(memberId), "member.appointed",
            $"{member.DisplayName}, {member.Role}, {member.HealthcareRegionCode}, {member.TermStart:yyyy-MM-dd}–{member.TermEnd:yyyy-MM-dd}");
        await db.SaveChangesAsync(context.CancellationToken);
        return new CreateMemberResponse { Member = member.ToProto() };
    }

    public override async Task<ListMembersResponse> ListMembers(ListMembersRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var on = v.Date(request.SittingOn, "sitting_on", required: false);
        v.ThrowIfInvalid();
        var query = db.Members.AsNoTracking();
        if (on is { } date)
        {
            query = query.Where(x => x.TermStart <= date && date <= x.TermEnd);
        }

        var members = await query.ToListAsync(context.CancellationToken);
        return new ListMembersResponse { Members = { members.OrderBy(x => x.Role).ThenBy(x => x.DisplayName, StringComparer.Ordinal).Select(x => x.ToProto()) } };
    }

    [Authorize(Roles = Roles.CouncilSecretary)]
    public override async Task<EndMandateResponse> EndMandate(EndMandateRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var memberId = v.ResourceId(request.Name, "members", "name");
        var revision = v.ParseEtag(request.Etag, "member");
        var end = v.Date(request.TermEnd, "term_end", required: true);
        v.Required(request.Reason, "reason", 2000);
        v.ThrowIfInvalid();

        var member = await db.Members.SingleOrDefaultAsync(x => x.MemberId == memberId, context.CancellationToken)
            ?? throw new NotFoundException(request.Name);
        Etags.CheckEtag(request.Name, member.Revision, revision);
        if (end!.Value < member.TermStart)
        {
            throw new InvalidRequestException([new FieldProblem("term_end", $"must not be before the term's start {member.TermStart:yyyy-MM-dd}")]);
        }

        if (end.Value > member.TermEnd)
        {
            await CheckSeatFreeAsync(memberId, member.Subject, member.Role, member.TermStart, end.Value, context.CancellationToken);
        }

        var previous = member.TermEnd;
        member.TermEnd = end.Value;
        member.Revision++;
        member.UpdatedAt = Stored.Time(clock.GetUtcNow());
        db.Audit(Audit(context, request.Reason.Trim()), request.Name, "member.mandate-ended", $"Term end {previous:yyyy-MM-dd} → {end:yyyy-MM-dd}");
        await db.SaveAsync(request.Name, member.Revision - 1, context.CancellationToken);
        return new EndMandateResponse { Member = member.ToProto() };
    }

    /// <summary>
    /// A person holds one seat at a time, and the council has one chair, one deputy chair and one municipal
    /// representative at a time (SKL 2019); the seats from the healthcare regions and the secretariat have several.
    /// </summary>
    private async Task CheckSeatFreeAsync(Guid memberId, string subject, MemberRole role, DateOnly start, DateOnly end, CancellationToken cancellationToken)
    {
        var overlapping = db.Members.AsNoTracking().Where(x => x.MemberId != memberId && x.TermStart <= end && start <= x.TermEnd);
        if (await overlapping.FirstOrDefaultAsync(x => x.Subject == subject, cancellationToken) is { } sitting)
        {
            throw new FailedPreconditionException("SUBJECT_ALREADY_SITTING", CouncilNames.Member(sitting.MemberId),
                $"{subject} already holds a seat ({sitting.DisplayName}) from {sitting.TermStart:yyyy-MM-dd} to {sitting.TermEnd:yyyy-MM-dd}.");
        }

        if (role is MemberRole.Chair or MemberRole.DeputyChair or MemberRole.MunicipalRepresentative
            && await overlapping.FirstOrDefaultAsync(x => x.Role == role, cancellationToken) is { } holder)
        {
            throw new FailedPreconditionException("SEAT_TAKEN", CouncilNames.Member(holder.MemberId),
                $"{holder.DisplayName} holds the seat {role} from {holder.TermStart:yyyy-MM-dd} to {holder.TermEnd:yyyy-MM-dd}; the council has one at a time.");
        }
    }
}
