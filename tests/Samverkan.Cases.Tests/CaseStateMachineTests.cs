using Google.Rpc;
using Grpc.Core;
using Samverkan.Cases.V1;
using Samverkan.Events.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;
using Samverkan.Testing.Cases;

namespace Samverkan.Cases.Tests;

public sealed class CaseStateMachineTests(CasesFactory factory) : IClassFixture<CasesFactory>
{
    private readonly CaseService.CaseServiceClient _cases = new(factory.CreateGrpcChannel());

    private CaseSteps Steps => new(_cases, factory.Clock);

    [Fact]
    public async Task An_illegal_transition_names_the_current_state_and_the_allowed_moves()
    {
        var registered = await Steps.RegisterAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => Steps.MarkReadyAsync(registered));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        var violation = Assert.Single(refused.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations);
        Assert.Equal("ILLEGAL_TRANSITION", violation.Type);
        Assert.Equal(registered.Name, violation.Subject);
        Assert.Contains("state Registered", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Nominate (Nominated), Close (Closed)", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(registered, await Steps.GetAsync(registered));
    }

    [Fact]
    public async Task A_closed_case_is_final()
    {
        var registered = await Steps.RegisterAsync();
        var closed = (await _cases.CloseCaseAsync(new CloseCaseRequest { Name = registered.Name, Etag = registered.Etag, Grounds = "Tillverkaren drog tillbaka produkten." }, CaseSteps.PreparationGroup)).Case;
        Assert.Equal(CaseState.Closed, closed.State);
        Assert.Equal("Tillverkaren drog tillbaka produkten.", closed.ClosureGrounds);

        var refused = await Assert.ThrowsAsync<RpcException>(() => Steps.NominateAsync(closed));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("Closed is final", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_etag_is_aborted_and_changes_nothing()
    {
        var registered = await Steps.RegisterAsync();
        var nominated = await Steps.NominateAsync(registered);

        var stale = await Assert.ThrowsAsync<RpcException>(() => Steps.PrioritiseAsync(registered));

        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal(nominated, await Steps.GetAsync(registered));
    }

    [Fact]
    public async Task A_case_is_prioritised_before_it_is_accepted()
    {
        var nominated = await Steps.NominateAsync(await Steps.RegisterAsync());

        var refused = await Assert.ThrowsAsync<RpcException>(() => Steps.AcceptAsync(nominated));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("NOT_PRIORITISED", Assert.Single(refused.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations).Type);
    }

    [Fact]
    public async Task A_declined_case_keeps_its_grounds_and_can_only_be_closed()
    {
        var nominated = await Steps.NominateAsync(await Steps.RegisterAsync());
        var declined = (await _cases.DeclineCaseAsync(new DeclineCaseRequest { Name = nominated.Name, Etag = nominated.Etag, Grounds = "Liten patientgrupp, hanteras regionalt." }, CaseSteps.PreparationGroup)).Case;

        Assert.Equal(CaseState.Declined, declined.State);
        Assert.False(declined.Decision.Accepted);
        Assert.Equal("Liten patientgrupp, hanteras regionalt.", declined.Decision.Grounds);
        await Assert.ThrowsAsync<RpcException>(() => Steps.OrderAssessmentAsync(declined));
    }

    [Fact]
    public async Task A_case_waiting_for_an_assessment_is_not_ready_for_council()
    {
        var accepted = await Steps.AcceptAsync(await Steps.PrioritiseAsync(await Steps.NominateAsync(await Steps.RegisterAsync())));
        var ordered = await Steps.OrderAssessmentAsync(accepted);

        var refused = await Assert.ThrowsAsync<RpcException>(() => Steps.MarkReadyAsync(ordered));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("ASSESSMENT_PENDING", Assert.Single(refused.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations).Type);
    }

    [Fact]
    public async Task A_stale_etag_is_aborted_before_the_command_s_own_checks()
    {
        var ordered = await Steps.OrderAssessmentAsync(await Steps.AcceptAsync(await Steps.PrioritiseAsync(await Steps.NominateAsync(await Steps.RegisterAsync()))));
        await factory.DeliverAsync(new ProcurementStatusChanged { ProcurementId = Guid.NewGuid().ToString(), Title = "Ramavtal", CaseIds = { ordered.CaseId }, Summary = "Avtal tecknat." });

        // The assessment is still pending, but the caller's view is out of date: that is what they need to hear first.
        var stale = await Assert.ThrowsAsync<RpcException>(() => Steps.MarkReadyAsync(ordered));
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);

        var nominated = await Steps.NominateAsync(await Steps.RegisterAsync());
        await factory.DeliverAsync(new ProcurementStatusChanged { ProcurementId = Guid.NewGuid().ToString(), Title = "Ramavtal", CaseIds = { nominated.CaseId }, Summary = "Avtal tecknat." });
        Assert.Equal(StatusCode.Aborted, (await Assert.ThrowsAsync<RpcException>(() => Steps.AcceptAsync(nominated))).StatusCode);
    }

    [Fact]
    public async Task A_closed_case_with_an_undelivered_assessment_names_its_state_not_the_assessment()
    {
        var ordered = await Steps.OrderAssessmentAsync(await Steps.AcceptAsync(await Steps.PrioritiseAsync(await Steps.NominateAsync(await Steps.RegisterAsync()))));
        var closed = (await _cases.CloseCaseAsync(new CloseCaseRequest { Name = ordered.Name, Etag = ordered.Etag, Grounds = "Studien avbröts." }, CaseSteps.PreparationGroup)).Case;

        var refused = await Assert.ThrowsAsync<RpcException>(() => Steps.MarkReadyAsync(closed));

        Assert.Equal("ILLEGAL_TRANSITION", Assert.Single(refused.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations).Type);
        Assert.Contains("Closed is final", refused.Status.Detail, StringComparison.Ordinal);
        var delivery = await Assert.ThrowsAsync<RpcException>(() => Steps.DeliverAsync(closed));
        Assert.Equal("ILLEGAL_TRANSITION", Assert.Single(delivery.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations).Type);
        Assert.Equal(closed, await Steps.GetAsync(closed));
    }

    [Fact]
    public async Task A_request_id_already_used_for_another_case_s_assessment_is_refused_and_that_case_is_untouched()
    {
        var first = await Steps.AcceptAsync(await Steps.PrioritiseAsync(await Steps.NominateAsync(await Steps.RegisterAsync())));
        var second = await Steps.AcceptAsync(await Steps.PrioritiseAsync(await Steps.NominateAsync(await Steps.RegisterAsync())));
        var order = Steps.OrderRequest(first);
        await _cases.OrderAssessmentAsync(order, CaseSteps.PreparationGroup);

        (order.Name, order.Etag) = (second.Name, second.Etag);
        var refused = await Assert.ThrowsAsync<RpcException>(() => _cases.OrderAssessmentAsync(order, CaseSteps.PreparationGroup).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal("request_id", Assert.Single(refused.FieldViolations()).Field);
        Assert.Equal(second, await Steps.GetAsync(second));
        // The second case still takes an order of its own: nothing of the refused one was kept.
        Assert.Equal(CaseState.InAssessment, (await Steps.OrderAssessmentAsync(second)).State);
    }

    [Fact]
    public async Task Ordering_an_assessment_twice_with_one_request_id_orders_it_once()
    {
        var accepted = await Steps.AcceptAsync(await Steps.PrioritiseAsync(await Steps.NominateAsync(await Steps.RegisterAsync())));
        var request = Steps.OrderRequest(accepted);

        var first = (await _cases.OrderAssessmentAsync(request, CaseSteps.PreparationGroup)).Case;
        var second = (await _cases.OrderAssessmentAsync(request, CaseSteps.PreparationGroup)).Case;

        Assert.Equal(first, second);
        Assert.Single(second.Assessments);
    }

    [Fact]
    public async Task A_delivered_assessment_is_not_delivered_again_and_an_unknown_one_is_not_found()
    {
        var accepted = await Steps.AcceptAsync(await Steps.PrioritiseAsync(await Steps.NominateAsync(await Steps.RegisterAsync())));
        var delivered = await Steps.DeliverAsync(await Steps.OrderAssessmentAsync(accepted));
        var again = new RecordAssessmentDeliveryRequest { Name = delivered.Name, Etag = delivered.Etag, AssessmentId = delivered.Assessments[0].AssessmentId, ReportReference = "X", Summary = "Y" };

        Assert.Equal(StatusCode.FailedPrecondition, (await Assert.ThrowsAsync<RpcException>(() => _cases.RecordAssessmentDeliveryAsync(again, CaseSteps.PreparationGroup).ResponseAsync)).StatusCode);
        again.AssessmentId = Guid.NewGuid().ToString();
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => _cases.RecordAssessmentDeliveryAsync(again, CaseSteps.PreparationGroup).ResponseAsync)).StatusCode);
    }

    [Fact]
    public async Task A_region_contact_nominates_only_what_their_region_reported()
    {
        var own = await Steps.RegisterAsync(); // source REGION, 13
        var nominated = (await _cases.NominateCaseAsync(new NominateCaseRequest { Name = own.Name, Etag = own.Etag, Reason = "Vår region ser behov." }, TestTokens.As(Roles.RegionContact, region: "13"))).Case;
        Assert.Equal(CaseState.Nominated, nominated.State);

        var other = await Steps.RegisterAsync();
        var refused = await Assert.ThrowsAsync<RpcException>(() => _cases.NominateCaseAsync(new NominateCaseRequest { Name = other.Name, Etag = other.Etag, Reason = "Annan region." }, TestTokens.As(Roles.RegionContact, region: "14")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal(other, await Steps.GetAsync(other));

        // A product a company reported is no region's to nominate, whichever region the contact person is from.
        var registration = Products.Registration();
        (registration.Product.Source, registration.Product.SourceDetail) = (ProductSource.Company, "13");
        var fromCompany = (await _cases.RegisterProductAsync(registration, CaseSteps.PreparationGroup)).Case;
        refused = await Assert.ThrowsAsync<RpcException>(() => _cases.NominateCaseAsync(new NominateCaseRequest { Name = fromCompany.Name, Etag = fromCompany.Etag, Reason = "Vi vill ha den." }, TestTokens.As(Roles.RegionContact, region: "13")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal(fromCompany, await Steps.GetAsync(fromCompany));
    }

    [Theory]
    [InlineData(Roles.RegionContact)]
    [InlineData(Roles.CouncilMember)]
    [InlineData(Roles.Public)]
    [InlineData(Roles.Operator)]
    public async Task Only_the_preparation_group_prepares_a_case(string role)
    {
        var nominated = await Steps.NominateAsync(await Steps.RegisterAsync());
        var refused = await Assert.ThrowsAsync<RpcException>(() => _cases.CloseCaseAsync(new CloseCaseRequest { Name = nominated.Name, Etag = nominated.Etag, Grounds = "x" }, TestTokens.As(role, region: "13")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Fact]
    public async Task A_change_to_an_unknown_case_is_not_found()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => _cases.NominateCaseAsync(new NominateCaseRequest { Name = $"cases/{Guid.NewGuid()}", Etag = "1", Reason = "x" }, CaseSteps.PreparationGroup).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
    }
}
