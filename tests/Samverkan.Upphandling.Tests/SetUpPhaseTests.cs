using Grpc.Core;
using Samverkan.Common.V1;
using Samverkan.Events.V1;
using Samverkan.Testing;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Tests;

/// <summary>
/// The set-up phase of a dynamic purchasing system (8 kap. LOU): before the first call-off, applications are assessed from
/// the later of their receipt and the end of the first application window. Dates worked out by hand from the almanac.
/// </summary>
public sealed class SetUpPhaseTests
{
    private const string Late = "556703-7485";

    [Fact]
    public async Task Before_the_first_call_off_applications_are_due_ten_working_days_after_a_window_ending_on_christmas_eve()
    {
        await using var factory = new UpphandlingFactory();
        var recommendation = await factory.PublishRecommendationAsync();
        var template = Steps.System(recommendation.RecommendationId);
        template.ClearSetUpWindowDays();

        // Published Wednesday 24 November 2027: Adda's 30 days end on Christmas Eve, a working day in a holiday week.
        factory.SetDate(new DateOnly(2027, 11, 24));
        var system = await factory.PublishedSystemAsync(recommendation.RecommendationId, template);
        Assert.Equal(30, system.SetUpWindowDays);
        Assert.Equal(Day(2027, 12, 24), system.SetUpWindowEndDate);

        // Received 25 November: 10 working days would be 9 December; from the window's end they skip Christmas Day,
        // Boxing Day, New Year's Day and Epiphany (Thursday 6 January 2028) and end on Monday 10 January.
        factory.SetDate(new DateOnly(2027, 11, 25));
        var early = await factory.ApplyAsync(system, Steps.Acme);
        Assert.Equal((Day(2028, 1, 10), true), (early.DueDate, early.SetUpPhase));
        var extended = (await factory.Client().ExtendQualificationAssessmentAsync(new ExtendQualificationAssessmentRequest
        {
            Name = early.Name,
            Etag = early.Etag,
            Reason = "Omfattande dokumentation.",
        }, Steps.Coordinator)).SupplierApplication;
        Assert.Equal((Day(2028, 1, 17), true), (extended.DueDate, extended.SetUpPhase));

        // Received after the window: 10 working days from receipt (12 January) are later than from the window's end.
        factory.SetDate(new DateOnly(2027, 12, 28));
        var afterWindow = await factory.ApplyAsync(system, Steps.Volvo);
        Assert.Equal((Day(2028, 1, 12), false), (afterWindow.DueDate, afterWindow.SetUpPhase));

        var received = await factory.ProcurementEventsAsync();
        Assert.Contains("decision due 2028-01-10 (set-up phase: counted from the end of the first application window on 2027-12-24)",
            received.First(e => e.Change == ProcurementChange.ApplicationReceived).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_first_call_off_the_normal_ten_working_days_apply_to_applications_received_after_it()
    {
        await using var factory = new UpphandlingFactory();
        var recommendation = await factory.PublishRecommendationAsync();
        var template = Steps.System(recommendation.RecommendationId);
        template.ClearSetUpWindowDays();
        var system = await factory.PublishedSystemAsync(recommendation.RecommendationId, template);
        factory.Clock.Advance(TimeSpan.FromHours(1));
        await factory.DecideAsync(await factory.ApplyAsync(system, Steps.Acme), QualificationDecision.Admitted);
        await factory.Client().CreateCallOffAsync(new CreateCallOffRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            System = system.Name,
            CategoryId = system.Categories[0].CategoryId,
            Title = "Första avropet",
            InvitedOrganisationNumbers = { Steps.Acme },
            TenderDeadline = Day(2027, 4, 5),
        }, Steps.Coordinator);

        // 23 March 2027, after the call-off the day before: 10 working days over Easter, 8 April, not 10 after the window
        // ending 21 April.
        factory.SetDate(new DateOnly(2027, 3, 23));
        var after = await factory.ApplyAsync(system, Steps.Volvo);
        Assert.Equal((Day(2027, 4, 8), false), (after.DueDate, after.SetUpPhase));

        // Received on 22 March before the call-off went out but recorded after it: the set-up phase has ended, so the normal
        // 10 working days from receipt, over Easter: 7 April.
        var backdated = await factory.ApplyAsync(system, Late, category: 1, received: UpphandlingFactory.Start.AddMinutes(30));
        Assert.Equal((Day(2027, 4, 7), false), (backdated.DueDate, backdated.SetUpPhase));
    }

    [Fact]
    public async Task The_first_call_off_waits_for_assessments_past_their_normal_deadline_and_ends_the_set_up_phase_of_the_others()
    {
        await using var factory = new UpphandlingFactory();
        var recommendation = await factory.PublishRecommendationAsync();
        var template = Steps.System(recommendation.RecommendationId);
        template.ClearSetUpWindowDays();
        var system = await factory.PublishedSystemAsync(recommendation.RecommendationId, template);
        await factory.DecideAsync(await factory.ApplyAsync(system, Steps.Acme), QualificationDecision.Admitted);
        var overdue = await factory.ApplyAsync(system, Steps.Volvo);
        factory.SetDate(new DateOnly(2027, 4, 1));
        var recent = await factory.ApplyAsync(system, Steps.Sole);
        Assert.Equal((Day(2027, 5, 5), Day(2027, 5, 5)), (overdue.DueDate, recent.DueDate));
        var request = new CreateCallOffRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            System = system.Name,
            CategoryId = system.Categories[0].CategoryId,
            Title = "Första avropet",
            InvitedOrganisationNumbers = { Steps.Acme },
            TenderDeadline = Day(2027, 4, 19),
        };

        // 8 April: Volvo's application from 22 March would normally have been due on 7 April; no invitation goes out while
        // it is assessed in the set-up phase's extra time.
        factory.SetDate(new DateOnly(2027, 4, 8));
        var error = await factory.RefusedAsync(() => factory.Client().CreateCallOffAsync(request, Steps.Coordinator), StatusCode.FailedPrecondition);
        Assert.Equal("SET_UP_ASSESSMENT_RUNNING", error.ErrorInfo()?.Reason);
        Assert.Contains($"{Steps.Volvo} (normally due 2027-04-07)", error.Status.Detail, StringComparison.Ordinal);

        await factory.DecideAsync(overdue, QualificationDecision.Rejected);
        await factory.Client().CreateCallOffAsync(request, Steps.Coordinator);

        // The application from 1 April falls back to 10 working days from receipt: 15 April.
        var list = await factory.Client().ListSupplierApplicationsAsync(new ListSupplierApplicationsRequest { System = system.Name }, Steps.Coordinator);
        var after = list.Applications.Single(a => a.ApplicationId == recent.ApplicationId);
        Assert.Equal((Day(2027, 4, 15), false), (after.DueDate, after.SetUpPhase));
        Assert.NotEqual(recent.Etag, after.Etag);
    }

    [Fact]
    public async Task A_window_ending_on_good_friday_is_counted_past_easter_monday()
    {
        await using var factory = new UpphandlingFactory();
        var recommendation = await factory.PublishRecommendationAsync();
        var template = Steps.System(recommendation.RecommendationId);
        template.SetUpWindowDays = 4;

        // Published Monday 22 March 2027; the window ends on Good Friday 26 March; 10 working days later, Easter Monday
        // skipped, is 12 April instead of the normal 7 April.
        var system = await factory.PublishedSystemAsync(recommendation.RecommendationId, template);
        Assert.Equal(Day(2027, 3, 26), system.SetUpWindowEndDate);
        var application = await factory.ApplyAsync(system, Steps.Acme);
        Assert.Equal((Day(2027, 4, 12), true), (application.DueDate, application.SetUpPhase));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(181)]
    public async Task A_window_outside_zero_to_180_days_is_refused(int days)
    {
        await using var factory = new UpphandlingFactory();
        var template = Steps.System((await factory.PublishRecommendationAsync()).RecommendationId);
        template.SetUpWindowDays = days;
        var error = await factory.RefusedAsync(() => factory.Client().CreateDynamicPurchasingSystemAsync(
            new CreateDynamicPurchasingSystemRequest { RequestId = Guid.NewGuid().ToString(), System = template }, Steps.Coordinator), StatusCode.InvalidArgument);
        Assert.Equal(["system.set_up_window_days"], error.Fields());
    }

    private static Date Day(int year, int month, int day) => new() { Year = year, Month = month, Day = day };
}
