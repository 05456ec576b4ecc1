using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Samverkan.FollowUp.Grains;
using Samverkan.FollowUp.V1;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Security;

namespace Samverkan.FollowUp.Grpc;

/// <summary>What a region's contact person reports, each change through the recommendation's grain.</summary>
public sealed partial class FollowUpGrpcService
{
    public override async Task<GetFollowUpResponse> GetFollowUp(GetFollowUpRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var (id, region) = validation.Name(v, request.Name);
        v.ThrowIfInvalid();
        return new GetFollowUpResponse { FollowUp = await queries.GetAsync(id, region, context.CancellationToken) };
    }

    [Authorize(Roles = Roles.RegionContact)]
    public override async Task<ReportStageResponse> ReportStage(ReportStageRequest r, ServerCallContext context)
    {
        var (id, command) = validation.Stage(context.Caller(), r.Name, r.Stage, r.Date, r.DocumentUri, r.Decision, r.DecisionGrounds, r.DecisionReference, r.Etag, r.Reason, correction: false);
        await Grain(id).ReportStageAsync(command);
        return new ReportStageResponse { FollowUp = await queries.GetAsync(id, command.RegionCode, context.CancellationToken) };
    }

    [Authorize(Roles = Roles.RegionContact)]
    public override async Task<CorrectStageResponse> CorrectStage(CorrectStageRequest r, ServerCallContext context)
    {
        var (id, command) = validation.Stage(context.Caller(), r.Name, r.Stage, r.Date, r.DocumentUri, r.Decision, r.DecisionGrounds, r.DecisionReference, r.Etag, r.Reason, correction: true);
        await Grain(id).CorrectStageAsync(command);
        return new CorrectStageResponse { FollowUp = await queries.GetAsync(id, command.RegionCode, context.CancellationToken) };
    }

    [Authorize(Roles = Roles.RegionContact)]
    public override async Task<ConfirmDecisionResponse> ConfirmDecision(ConfirmDecisionRequest request, ServerCallContext context)
    {
        var (id, command) = validation.Confirm(context.Caller(), request);
        await Grain(id).ConfirmDecisionAsync(command);
        return new ConfirmDecisionResponse { FollowUp = await queries.GetAsync(id, command.RegionCode, context.CancellationToken) };
    }

    [Authorize(Roles = Roles.RegionContact)]
    public override async Task<ReportUptakeResponse> ReportUptake(ReportUptakeRequest request, ServerCallContext context)
    {
        var (id, command) = validation.Uptake(context.Caller(), request);
        await Grain(id).ReportUptakeAsync(command);
        return new ReportUptakeResponse
        {
            Figure = new UptakeFigure
            {
                FollowUp = request.FollowUp,
                RegionCode = command.RegionCode,
                Period = request.Period,
                Measure = request.Measure,
                Value = request.Value,
                Audit = context.Caller().Audit(clock, command.Reason),
            },
        };
    }

    private IRecommendationFollowUpGrain Grain(Guid recommendationId) => grains.GetGrain<IRecommendationFollowUpGrain>(recommendationId);
}
