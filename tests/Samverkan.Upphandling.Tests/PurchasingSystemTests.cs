using Grpc.Core;
using Samverkan.Common.V1;
using Samverkan.Events.V1;
using Samverkan.Testing;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Tests;

/// <summary>Dynamic purchasing systems from set-up to close, on a clock starting Monday 22 March 2027 (Easter week follows).</summary>
public sealed class PurchasingSystemTests
{
    private static readonly Date Due10 = new() { Year = 2027, Month = 4, Day = 7 };
    private static readonly Date Due15 = new() { Year = 2027, Month = 4, Day = 14 };

    [Fact]
    public async Task A_system_is_created_in_draft_published_and_told_to_cases()
    {
        await using var factory = new UpphandlingFactory();
        var recommendation = await factory.PublishRecommendationAsync();
        var client = factory.Client();
        var request = new CreateDynamicPurchasingSystemRequest { RequestId = Guid.NewGuid().ToString(), System = Steps.System(recommendation.RecommendationId) };
        var draft = (await client.CreateDynamicPurchasingSystemAsync(request, Steps.Coordinator)).DynamicPurchasingSystem;
        Assert.Equal(DynamicPurchasingSystemState.Draft, draft.State);
        Assert.Equal(2, draft.Categories.Count);
        Assert.Equal(draft.SystemId, ((await client.CreateDynamicPurchasingSystemAsync(request, Steps.Coordinator)).DynamicPurchasingSystem).SystemId);

        var published = (await client.PublishDynamicPurchasingSystemAsync(new PublishDynamicPurchasingSystemRequest { Name = draft.Name, Etag = draft.Etag, Reason = "Annonserat." }, Steps.Coordinator)).DynamicPurchasingSystem;

        Assert.Equal(DynamicPurchasingSystemState.Published, published.State);
        var e = Assert.Single(await factory.ProcurementEventsAsync());
        Assert.Equal(ProcurementChange.DpsPublished, e.Change);
        Assert.Equal([recommendation.CaseId], e.CaseIds);
        Assert.Equal(["07", "10", "13"], e.RegionCodes);
        var again = await factory.RefusedAsync(() => client.PublishDynamicPurchasingSystemAsync(
            new PublishDynamicPurchasingSystemRequest { Name = draft.Name, Etag = published.Etag, Reason = "Igen." }, Steps.Coordinator), StatusCode.FailedPrecondition);
        Assert.Equal("NOT_A_DRAFT", again.ErrorInfo()?.Reason);
    }

    [Fact]
    public async Task Applications_are_due_ten_working_days_after_receipt_or_fifteen_when_extended_and_late_decisions_are_flagged()
    {
        await using var factory = new UpphandlingFactory();
        var system = await factory.PublishedSystemAsync((await factory.PublishRecommendationAsync()).RecommendationId);
        var admitted = await factory.ApplyAsync(system, Steps.Acme);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var rejected = await factory.ApplyAsync(system, Steps.Volvo);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var extended = await factory.ApplyAsync(system, "5560125790", category: 1);
        Assert.Equal(Due10, admitted.DueDate);
        Assert.False(admitted.SetUpPhase);
        Assert.Equal("556012-5790", extended.OrganisationNumber);

        extended = (await factory.Client().ExtendQualificationAssessmentAsync(new ExtendQualificationAssessmentRequest
        {
            Name = extended.Name,
            Etag = extended.Etag,
            Reason = "Omfattande teknisk dokumentation att granska.",
        }, Steps.Coordinator)).SupplierApplication;
        Assert.True(extended.Extended);
        Assert.Equal(Due15, extended.DueDate);

        factory.SetDate(new DateOnly(2027, 4, 7));
        admitted = await factory.DecideAsync(admitted, QualificationDecision.Admitted);
        Assert.False(admitted.Late);
        factory.SetDate(new DateOnly(2027, 4, 8));
        rejected = await factory.DecideAsync(rejected, QualificationDecision.Rejected);
        Assert.True(rejected.Late);

        var list = await factory.Client().ListSupplierApplicationsAsync(new ListSupplierApplicationsRequest { System = system.Name }, Steps.Coordinator);
        Assert.Equal([admitted.ApplicationId, rejected.ApplicationId, extended.ApplicationId], list.Applications.Select(a => a.ApplicationId));
        Assert.Equal([false, true, false], list.Applications.Select(a => a.Late));

        var events = await factory.ProcurementEventsAsync();
        Assert.Equal(
            [ProcurementChange.DpsPublished, ProcurementChange.ApplicationReceived, ProcurementChange.ApplicationReceived, ProcurementChange.ApplicationReceived,
                ProcurementChange.QualificationExtended, ProcurementChange.SupplierAdmitted, ProcurementChange.SupplierRejected],
            events.Select(e => e.Change));
        Assert.Equal(Due10, events[1].DueDate);
        Assert.Equal(Due15, events[4].DueDate);
        Assert.Contains("after the due date 2027-04-07", events[6].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Applications_nearing_their_due_date_are_listed_with_the_overdue_ones()
    {
        await using var factory = new UpphandlingFactory();
        var system = await factory.PublishedSystemAsync((await factory.PublishRecommendationAsync()).RecommendationId);
        var first = await factory.ApplyAsync(system, Steps.Acme);
        factory.SetDate(new DateOnly(2027, 3, 30));
        var second = await factory.ApplyAsync(system, Steps.Volvo);

        // 2 April 2027: three working days ahead reach 7 April (Easter Monday is a holiday), not 14 April.
        factory.SetDate(new DateOnly(2027, 4, 2));
        var near = await factory.Client().ListApplicationsNearingDueDateAsync(new ListApplicationsNearingDueDateRequest(), Steps.Coordinator);
        Assert.Equal([first.ApplicationId], near.Applications.Select(a => a.ApplicationId));

        factory.SetDate(new DateOnly(2027, 4, 9));
        near = await factory.Client().ListApplicationsNearingDueDateAsync(new ListApplicationsNearingDueDateRequest { WithinWorkingDays = 1 }, Steps.Coordinator);
        Assert.Equal([first.ApplicationId], near.Applications.Select(a => a.ApplicationId));
        Assert.True(near.Applications[0].Late);
        near = await factory.Client().ListApplicationsNearingDueDateAsync(new ListApplicationsNearingDueDateRequest { WithinWorkingDays = 5 }, Steps.Coordinator);
        Assert.Equal([first.ApplicationId, second.ApplicationId], near.Applications.Select(a => a.ApplicationId));

        var error = await Assert.ThrowsAsync<RpcException>(() => factory.Client().ListApplicationsNearingDueDateAsync(
            new ListApplicationsNearingDueDateRequest { WithinWorkingDays = 16 }, Steps.Coordinator).ResponseAsync);
        Assert.Equal(["within_working_days"], error.Fields());
    }

    [Fact]
    public async Task A_call_off_invites_every_admitted_supplier_gets_tenders_and_is_awarded_after_the_deadline()
    {
        await using var factory = new UpphandlingFactory();
        var system = await factory.PublishedSystemAsync((await factory.PublishRecommendationAsync()).RecommendationId);
        await factory.DecideAsync(await factory.ApplyAsync(system, Steps.Acme), QualificationDecision.Admitted);
        await factory.DecideAsync(await factory.ApplyAsync(system, Steps.Volvo), QualificationDecision.Admitted);
        await factory.DecideAsync(await factory.ApplyAsync(system, Steps.Sole), QualificationDecision.Rejected);
        await factory.DecideAsync(await factory.ApplyAsync(system, "202100-6255", category: 1), QualificationDecision.Admitted);
        var client = factory.Client();
        var request = new CreateCallOffRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            System = system.Name,
            CategoryId = system.Categories[0].CategoryId,
            Title = "Sensorer till Region Halland",
            InvitedOrganisationNumbers = { Steps.Acme },
            TenderDeadline = new Date { Year = 2027, Month = 3, Day = 31 },
        };

        // Ten days from the invitation on 22 March: 1 April at the earliest (8 kap. 11 § LOU).
        var error = await factory.RefusedAsync(() => client.CreateCallOffAsync(request, Steps.Coordinator), StatusCode.InvalidArgument);
        Assert.Equal(["tender_deadline"], error.Fields());
        Assert.Contains("2027-04-01 or later", error.FieldViolations()[0].Description, StringComparison.Ordinal);

        request.TenderDeadline = new Date { Year = 2027, Month = 4, Day = 1 };
        error = await factory.RefusedAsync(() => client.CreateCallOffAsync(request, Steps.Coordinator), StatusCode.InvalidArgument);
        var missing = Assert.Single(error.FieldViolations());
        Assert.Equal("invited_organisation_numbers", missing.Field);
        Assert.Contains(Steps.Volvo, missing.Description, StringComparison.Ordinal);

        request.InvitedOrganisationNumbers.Add(Steps.Sole);
        request.InvitedOrganisationNumbers.Add(Steps.Volvo);
        error = await factory.RefusedAsync(() => client.CreateCallOffAsync(request, Steps.Coordinator), StatusCode.InvalidArgument);
        Assert.Equal(["invited_organisation_numbers[1]"], error.Fields());

        request.InvitedOrganisationNumbers.RemoveAt(1);
        var callOff = (await client.CreateCallOffAsync(request, Steps.Coordinator)).CallOff;
        Assert.Equal([Steps.Acme, Steps.Volvo], callOff.InvitedOrganisationNumbers);

        await client.RecordTenderAsync(new RecordTenderRequest { Name = callOff.Name, OrganisationNumber = Steps.Acme, Price = Sek(1_200_000) }, Steps.Coordinator);
        await client.RecordTenderAsync(new RecordTenderRequest { Name = callOff.Name, OrganisationNumber = Steps.Volvo, Price = Sek(1_350_000) }, Steps.Coordinator);
        error = await factory.RefusedAsync(() => client.RecordTenderAsync(
            new RecordTenderRequest { Name = callOff.Name, OrganisationNumber = Steps.Sole, Price = Sek(1) }, Steps.Coordinator), StatusCode.InvalidArgument);
        Assert.Equal(["organisation_number"], error.Fields());

        var award = new AwardCallOffRequest { Name = callOff.Name, OrganisationNumber = Steps.Acme, Grounds = "Bästa förhållandet mellan pris och kvalitet." };
        error = await factory.RefusedAsync(() => client.AwardCallOffAsync(award, Steps.Coordinator), StatusCode.FailedPrecondition);
        Assert.Equal("TENDER_PERIOD_RUNNING", error.ErrorInfo()?.Reason);

        factory.SetDate(new DateOnly(2027, 4, 2));
        error = await factory.RefusedAsync(() => client.RecordTenderAsync(
            new RecordTenderRequest { Name = callOff.Name, OrganisationNumber = Steps.Acme, Price = Sek(1) }, Steps.Coordinator), StatusCode.FailedPrecondition);
        Assert.Equal("TENDER_DEADLINE_PASSED", error.ErrorInfo()?.Reason);
        var awarded = (await client.AwardCallOffAsync(award, Steps.Coordinator)).CallOff;

        Assert.Equal(CallOffState.Awarded, awarded.State);
        Assert.Equal(2, awarded.Tenders.Count);
        var e = (await factory.ProcurementEventsAsync())[^1];
        Assert.Equal(ProcurementChange.CallOffAwarded, e.Change);
        Assert.Contains(Steps.Acme, e.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_off_needs_an_admitted_supplier()
    {
        await using var factory = new UpphandlingFactory();
        var system = await factory.PublishedSystemAsync((await factory.PublishRecommendationAsync()).RecommendationId);
        await factory.ApplyAsync(system, Steps.Acme);
        var error = await factory.RefusedAsync(() => factory.Client().CreateCallOffAsync(new CreateCallOffRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            System = system.Name,
            CategoryId = system.Categories[0].CategoryId,
            Title = "Sensorer",
            InvitedOrganisationNumbers = { Steps.Acme },
            TenderDeadline = new Date { Year = 2027, Month = 5, Day = 3 },
        }, Steps.Coordinator), StatusCode.FailedPrecondition);
        Assert.Equal("NO_ADMITTED_SUPPLIERS", error.ErrorInfo()?.Reason);
    }

    [Fact]
    public async Task A_system_stays_open_for_its_whole_validity_and_takes_no_decisions_once_closed()
    {
        await using var factory = new UpphandlingFactory();
        var system = await factory.PublishedSystemAsync((await factory.PublishRecommendationAsync()).RecommendationId);
        var pending = await factory.ApplyAsync(system, Steps.Acme);
        var client = factory.Client();
        var close = new CloseDynamicPurchasingSystemRequest { Name = system.Name, Etag = system.Etag, Reason = "Giltighetstiden har löpt ut." };

        factory.SetDate(new DateOnly(2031, 3, 21));
        var error = await factory.RefusedAsync(() => client.CloseDynamicPurchasingSystemAsync(close, Steps.Coordinator), StatusCode.FailedPrecondition);
        Assert.Equal("VALIDITY_RUNNING", error.ErrorInfo()?.Reason);

        factory.SetDate(new DateOnly(2031, 3, 22));
        var closed = (await client.CloseDynamicPurchasingSystemAsync(close, Steps.Coordinator)).DynamicPurchasingSystem;
        Assert.Equal(DynamicPurchasingSystemState.Closed, closed.State);
        Assert.Equal(ProcurementChange.DpsClosed, (await factory.ProcurementEventsAsync())[^1].Change);

        error = await factory.RefusedAsync(() => client.DecideQualificationAsync(new DecideQualificationRequest
        {
            Name = pending.Name,
            Etag = pending.Etag,
            Decision = QualificationDecision.Admitted,
            Grounds = "Uppfyller kraven.",
        }, Steps.Coordinator), StatusCode.FailedPrecondition);
        Assert.Equal("SYSTEM_CLOSED", error.ErrorInfo()?.Reason);
        error = await factory.RefusedAsync(() => client.SubmitSupplierApplicationAsync(new SubmitSupplierApplicationRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            System = system.Name,
            CategoryId = system.Categories[0].CategoryId,
            OrganisationNumber = Steps.Volvo,
            SupplierName = "Volvo",
        }, Steps.Coordinator), StatusCode.FailedPrecondition);
        Assert.Equal("SYSTEM_CLOSED", error.ErrorInfo()?.Reason);
    }

    [Fact]
    public async Task Bad_applications_and_systems_are_refused_field_by_field()
    {
        await using var factory = new UpphandlingFactory();
        var recommendation = await factory.PublishRecommendationAsync();
        var client = factory.Client();
        var bad = Steps.System(recommendation.RecommendationId);
        bad.Title = "";
        bad.CpvCodes.Add("3314");
        bad.Categories.Add(new DynamicPurchasingSystemCategory { Title = "sensorer", QualificationRequirements = "" });
        bad.ValidityEndDate = bad.ValidityStartDate;
        bad.ProcurementRegionCode = "Z";
        bad.RegionCodes.Add("00");
        bad.RecommendationIds.Add(Guid.NewGuid().ToString());
        var error = await factory.RefusedAsync(() => client.CreateDynamicPurchasingSystemAsync(
            new CreateDynamicPurchasingSystemRequest { RequestId = Guid.NewGuid().ToString(), System = bad }, Steps.Coordinator), StatusCode.InvalidArgument);
        Assert.Equal(
            ["system.title", "system.cpv_codes[1]", "system.categories[2].title", "system.categories[2].qualification_requirements",
                "system.validity_end_date", "system.procurement_region_code", "system.region_codes[3]", "system.recommendation_ids[1]"],
            error.Fields());

        var system = await factory.PublishedSystemAsync(recommendation.RecommendationId);
        error = await factory.RefusedAsync(() => client.SubmitSupplierApplicationAsync(new SubmitSupplierApplicationRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            System = system.Name,
            CategoryId = system.Categories[0].CategoryId,
            OrganisationNumber = "556677-8898",
            SupplierName = "",
            ReceiveTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(factory.Clock.GetUtcNow().AddDays(1)),
        }, Steps.Coordinator), StatusCode.InvalidArgument);
        Assert.Equal(["organisation_number", "supplier_name", "receive_time"], error.Fields());
        Assert.Contains("check digit", error.FieldViolations()[0].Description, StringComparison.Ordinal);

        error = await factory.RefusedAsync(() => client.SubmitSupplierApplicationAsync(new SubmitSupplierApplicationRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            System = system.Name,
            CategoryId = Guid.NewGuid().ToString(),
            OrganisationNumber = Steps.Acme,
            SupplierName = "Acme",
        }, Steps.Coordinator), StatusCode.InvalidArgument);
        Assert.Equal(["category_id"], error.Fields());

        var application = await factory.ApplyAsync(system, Steps.Acme);
        error = await factory.RefusedAsync(() => client.DecideQualificationAsync(new DecideQualificationRequest { Name = application.Name, Etag = application.Etag }, Steps.Coordinator),
            StatusCode.InvalidArgument);
        Assert.Equal(["decision", "grounds"], error.Fields());
        error = await factory.RefusedAsync(() => client.ExtendQualificationAssessmentAsync(
            new ExtendQualificationAssessmentRequest { Name = application.Name, Etag = application.Etag, Reason = " " }, Steps.Coordinator), StatusCode.InvalidArgument);
        Assert.Equal(["reason"], error.Fields());
        error = await factory.RefusedAsync(() => client.SubmitSupplierApplicationAsync(new SubmitSupplierApplicationRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            System = system.Name,
            CategoryId = system.Categories[0].CategoryId,
            OrganisationNumber = Steps.Acme,
            SupplierName = "Acme",
        }, Steps.Coordinator), StatusCode.FailedPrecondition);
        Assert.Equal("ALREADY_APPLIED", error.ErrorInfo()?.Reason);
    }

    [Fact]
    public async Task An_extension_comes_before_the_due_date_and_only_once()
    {
        await using var factory = new UpphandlingFactory();
        var system = await factory.PublishedSystemAsync((await factory.PublishRecommendationAsync()).RecommendationId);
        var late = await factory.ApplyAsync(system, Steps.Acme);
        var twice = await factory.ApplyAsync(system, Steps.Volvo);
        var client = factory.Client();
        twice = (await client.ExtendQualificationAssessmentAsync(new ExtendQualificationAssessmentRequest { Name = twice.Name, Etag = twice.Etag, Reason = "Komplettering." }, Steps.Coordinator)).SupplierApplication;

        var error = await factory.RefusedAsync(() => client.ExtendQualificationAssessmentAsync(
            new ExtendQualificationAssessmentRequest { Name = twice.Name, Etag = twice.Etag, Reason = "Igen." }, Steps.Coordinator), StatusCode.FailedPrecondition);
        Assert.Equal("ALREADY_EXTENDED", error.ErrorInfo()?.Reason);
        factory.SetDate(new DateOnly(2027, 4, 8));
        error = await factory.RefusedAsync(() => client.ExtendQualificationAssessmentAsync(
            new ExtendQualificationAssessmentRequest { Name = late.Name, Etag = late.Etag, Reason = "För sent." }, Steps.Coordinator), StatusCode.FailedPrecondition);
        Assert.Equal("DUE_DATE_PASSED", error.ErrorInfo()?.Reason);
    }

    private static Money Sek(long units) => new() { CurrencyCode = "SEK", Units = units };
}
