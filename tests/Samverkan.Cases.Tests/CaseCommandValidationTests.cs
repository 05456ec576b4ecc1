using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Samverkan.Cases.V1;
using Samverkan.Common.V1;
using Samverkan.Testing;
using Samverkan.Testing.Cases;

namespace Samverkan.Cases.Tests;

/// <summary>Every field of every change is checked: one field violation per bad field, and the case is untouched.</summary>
public sealed class CaseCommandValidationTests(CasesFactory factory) : IClassFixture<CasesFactory>
{
    private readonly CaseService.CaseServiceClient _cases = new(factory.CreateGrpcChannel());

    private CaseSteps Steps => new(_cases, factory.Clock);

    [Fact]
    public async Task Nominate_needs_a_case_name_an_etag_and_a_reason()
    {
        await AssertRefusedAsync(
            _ => _cases.NominateCaseAsync(new NominateCaseRequest { Name = "products/1", Etag = "", Reason = " " }, CaseSteps.PreparationGroup).ResponseAsync,
            "etag", "name", "reason");
        var registered = await Steps.RegisterAsync();
        await AssertRefusedAsync(
            _ => _cases.NominateCaseAsync(new NominateCaseRequest { Name = registered.Name, Etag = "W/\"1\"", Reason = new string('x', 4001) }, CaseSteps.PreparationGroup).ResponseAsync,
            "etag", "reason");
        Assert.Equal(registered, await Steps.GetAsync(registered));
    }

    [Fact]
    public async Task Prioritise_checks_grounds_and_the_cost_estimate()
    {
        var nominated = await Steps.NominateAsync(await Steps.RegisterAsync());
        await AssertRefusedAsync(
            _ => _cases.PrioritiseCaseAsync(new PrioritiseCaseRequest { Name = nominated.Name, Etag = nominated.Etag }, CaseSteps.PreparationGroup).ResponseAsync,
            "prioritisation");
        await AssertRefusedAsync(
            _ => _cases.PrioritiseCaseAsync(new PrioritiseCaseRequest
            {
                Name = nominated.Name,
                Etag = nominated.Etag,
                Prioritisation = new Prioritisation { LargeVolumeOrCost = true },
            }, CaseSteps.PreparationGroup).ResponseAsync,
            "prioritisation.estimated_total_cost", "prioritisation.grounds");
        await AssertRefusedAsync(
            _ => _cases.PrioritiseCaseAsync(new PrioritiseCaseRequest
            {
                Name = nominated.Name,
                Etag = nominated.Etag,
                Prioritisation = new Prioritisation { LargeVolumeOrCost = true, Grounds = "g", EstimatedTotalCost = new Money { CurrencyCode = "EUR", Units = -5 } },
            }, CaseSteps.PreparationGroup).ResponseAsync,
            "prioritisation.estimated_total_cost", "prioritisation.estimated_total_cost.currency_code");
        Assert.Equal(nominated, await Steps.GetAsync(nominated));
    }

    [Fact]
    public async Task Accept_and_decline_need_grounds_and_a_known_interim_advice()
    {
        var prioritised = await Steps.PrioritiseAsync(await Steps.NominateAsync(await Steps.RegisterAsync()));
        await AssertRefusedAsync(
            _ => _cases.AcceptCaseAsync(new AcceptCaseRequest { Name = prioritised.Name, Etag = prioritised.Etag, InterimAdvice = (RecommendationOutcome)42 }, CaseSteps.PreparationGroup).ResponseAsync,
            "grounds", "interim_advice");
        await AssertRefusedAsync(
            _ => _cases.DeclineCaseAsync(new DeclineCaseRequest { Name = prioritised.Name, Etag = prioritised.Etag }, CaseSteps.PreparationGroup).ResponseAsync,
            "grounds");
        Assert.Equal(prioritised, await Steps.GetAsync(prioritised));
    }

    [Fact]
    public async Task Order_assessment_checks_every_field()
    {
        var accepted = await Steps.AcceptAsync(await Steps.PrioritiseAsync(await Steps.NominateAsync(await Steps.RegisterAsync())));
        var yesterday = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).AddDays(-2);
        await AssertRefusedAsync(
            _ => _cases.OrderAssessmentAsync(new OrderAssessmentRequest
            {
                Name = accepted.Name,
                Etag = accepted.Etag,
                RequestId = "42",
                Assessor = Assessor.Unspecified,
                ExpectedDeliveryDate = new Date { Year = yesterday.Year, Month = yesterday.Month, Day = yesterday.Day },
            }, CaseSteps.PreparationGroup).ResponseAsync,
            "assessor", "expected_delivery_date", "question", "request_id");
        var regional = Steps.OrderRequest(accepted);
        regional.Assessor = Assessor.RegionalHta;
        regional.ExpectedDeliveryDate = new Date { Year = 2027, Month = 2, Day = 30 };
        await AssertRefusedAsync(_ => _cases.OrderAssessmentAsync(regional, CaseSteps.PreparationGroup).ResponseAsync, "assessor_unit", "expected_delivery_date");
        var tlvWithUnit = Steps.OrderRequest(accepted);
        tlvWithUnit.AssessorUnit = "HTA-centrum";
        await AssertRefusedAsync(_ => _cases.OrderAssessmentAsync(tlvWithUnit, CaseSteps.PreparationGroup).ResponseAsync, "assessor_unit");
        Assert.Equal(accepted, await Steps.GetAsync(accepted));
    }

    [Fact]
    public async Task Record_delivery_mark_ready_and_close_check_their_fields()
    {
        var ordered = await Steps.OrderAssessmentAsync(await Steps.AcceptAsync(await Steps.PrioritiseAsync(await Steps.NominateAsync(await Steps.RegisterAsync()))));
        await AssertRefusedAsync(
            _ => _cases.RecordAssessmentDeliveryAsync(new RecordAssessmentDeliveryRequest { Name = ordered.Name, Etag = ordered.Etag, AssessmentId = "x" }, CaseSteps.PreparationGroup).ResponseAsync,
            "assessment_id", "report_reference", "summary");
        await AssertRefusedAsync(
            _ => _cases.MarkReadyForCouncilAsync(new MarkReadyForCouncilRequest { Name = ordered.Name, Etag = "0" }, CaseSteps.PreparationGroup).ResponseAsync,
            "etag", "reason");
        await AssertRefusedAsync(
            _ => _cases.CloseCaseAsync(new CloseCaseRequest { Name = ordered.Name, Etag = ordered.Etag }, CaseSteps.PreparationGroup).ResponseAsync,
            "grounds");
        Assert.Equal(ordered, await Steps.GetAsync(ordered));
    }

    [Fact]
    public async Task Lists_check_their_filters_and_paging()
    {
        await AssertRefusedAsync(
            _ => _cases.ListCasesAsync(new ListCasesRequest
            {
                States = { (CaseState)99 },
                RiskClass = (RiskClass)99,
                Source = (ProductSource)99,
                ProgrammeAreaCode = "a|b",
                Text = new string('x', 201),
                PageSize = 201,
                PageToken = "not-a-token",
                UpdatedSince = new Timestamp { Seconds = 253_402_300_800 },
            }, CaseSteps.PreparationGroup).ResponseAsync,
            "page_size", "page_token", "programme_area_code", "risk_class", "source", "states[0]", "text", "updated_since");
        await AssertRefusedAsync(
            _ => _cases.ListOverdueAssessmentsAsync(new ListOverdueAssessmentsRequest { PageSize = -1, PageToken = "???" }, CaseSteps.PreparationGroup).ResponseAsync,
            "page_size", "page_token");
        await AssertRefusedAsync(
            _ => _cases.ListCaseTimelineAsync(new ListCaseTimelineRequest { Name = "cases/x", PageSize = 501 }, CaseSteps.PreparationGroup).ResponseAsync,
            "name", "page_size");
    }

    [Fact]
    public async Task The_timeline_refuses_a_page_token_it_did_not_give_and_an_unknown_case_is_not_found()
    {
        var registered = await Steps.RegisterAsync();
        foreach (var token in new[] { "not-a-token", Samverkan.ServiceDefaults.Errors.Paging.Encode("0"), Samverkan.ServiceDefaults.Errors.Paging.Encode("x") })
        {
            await AssertRefusedAsync(
                _ => _cases.ListCaseTimelineAsync(new ListCaseTimelineRequest { Name = registered.Name, PageToken = token }, CaseSteps.PreparationGroup).ResponseAsync,
                "page_token");
        }

        var missing = await Assert.ThrowsAsync<RpcException>(() => _cases.ListCaseTimelineAsync(new ListCaseTimelineRequest { Name = $"cases/{Guid.NewGuid()}" }, CaseSteps.PreparationGroup).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    private static async Task AssertRefusedAsync(Func<object?, Task> call, params string[] fields)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => call(null));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(fields.Order(StringComparer.Ordinal), refused.FieldViolations().Select(v => v.Field).Order(StringComparer.Ordinal));
    }
}
