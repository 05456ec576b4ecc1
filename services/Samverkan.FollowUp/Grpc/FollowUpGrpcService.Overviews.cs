using Grpc.Core;
using Samverkan.FollowUp.V1;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Hosting;

namespace Samverkan.FollowUp.Grpc;

/// <summary>The read side: uptake measures, the matrix, the region's and the national overview, the yearly report.</summary>
public sealed partial class FollowUpGrpcService
{
    public override Task<GetUptakeMeasuresResponse> GetUptakeMeasures(GetUptakeMeasuresRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var id = v.Uuid(request.RecommendationId, "recommendation_id");
        validation.Period(v, request.Period, "period");
        v.Defined(request.Measure, "measure");
        v.ThrowIfInvalid();
        return MeasuresAsync(id, request, context.CancellationToken);
    }

    public override Task<GetFollowUpMatrixResponse> GetFollowUpMatrix(GetFollowUpMatrixRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var id = v.Uuid(request.RecommendationId, "recommendation_id");
        v.ThrowIfInvalid();
        return queries.MatrixAsync(id, context.CancellationToken);
    }

    public override Task<GetRegionOverviewResponse> GetRegionOverview(GetRegionOverviewRequest request, ServerCallContext context)
    {
        var v = new Validation();
        v.Check(catalog.FindRegion(request.RegionCode) is not null, "region_code", "must be the two-digit code of one of the 21 regions");
        v.ThrowIfInvalid();
        return queries.RegionAsync(request.RegionCode, context.CancellationToken);
    }

    public override Task<GetNationalOverviewResponse> GetNationalOverview(GetNationalOverviewRequest request, ServerCallContext context)
    {
        var v = new Validation();
        v.Check(request.Year == 0 || (request.Year >= 2000 && request.Year <= clock.Today().Year), "year", "must be 0 (all) or a year from 2000 that has begun");
        v.ThrowIfInvalid();
        return queries.NationalAsync(request.Year, context.CancellationToken);
    }

    public override async Task<GetYearlyReportResponse> GetYearlyReport(GetYearlyReportRequest request, ServerCallContext context)
    {
        var v = new Validation();
        v.Check(request.Year >= 2000 && request.Year <= clock.Today().Year, "year", "must be a year from 2000 that has begun");
        v.Defined(request.Format, "format");
        v.ThrowIfInvalid();
        var data = await report.QueryAsync(request.Year, context.CancellationToken);
        return request.Format == ReportFormat.Csv
            ? new GetYearlyReportResponse { Content = report.ToCsv(data), ContentType = "text/csv", FileName = $"uppfoljning-{request.Year}.csv" }
            : new GetYearlyReportResponse { Content = report.ToMarkdown(request.Year, data), ContentType = "text/markdown", FileName = $"uppfoljning-{request.Year}.md" };
    }

    private async Task<GetUptakeMeasuresResponse> MeasuresAsync(Guid id, GetUptakeMeasuresRequest request, CancellationToken cancellationToken)
    {
        await queries.Recommendation(id, cancellationToken);
        return await uptake.MeasuresAsync(id, request.Period.Year, request.Period.Quarter, request.Measure, cancellationToken);
    }
}
