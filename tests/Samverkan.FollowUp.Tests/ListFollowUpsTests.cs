using Grpc.Core;
using Samverkan.FollowUp.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.FollowUp.Tests;

public sealed class ListFollowUpsTests(FollowUpFactory factory) : IClassFixture<FollowUpFactory>
{
    private readonly FollowUpService.FollowUpServiceClient _followUps = new(factory.CreateGrpcChannel());

    [Fact]
    public async Task A_recommendation_nobody_followed_up_has_no_follow_ups()
    {
        var response = await _followUps.ListFollowUpsAsync(new ListFollowUpsRequest { RecommendationId = Guid.NewGuid().ToString() }, TestTokens.As(Roles.Operator));
        Assert.Empty(response.FollowUps);
        Assert.Empty(response.NextPageToken);
    }

    [Fact]
    public async Task A_recommendation_s_follow_ups_come_in_pages_and_a_case_or_a_region_filters_them()
    {
        var steps = new FollowUpSteps(factory);
        var id = await steps.PublishAsync();
        var other = await steps.PublishAsync();

        var pages = new List<ListFollowUpsResponse>();
        var token = string.Empty;
        do
        {
            pages.Add(await _followUps.ListFollowUpsAsync(new ListFollowUpsRequest { RecommendationId = id, PageSize = 8, PageToken = token }, TestTokens.As(Roles.Operator)));
            token = pages[^1].NextPageToken;
        }
        while (token.Length > 0);
        Assert.Equal([8, 8, 5], pages.Select(p => p.FollowUps.Count));
        Assert.Equal(21, pages.SelectMany(p => p.FollowUps).Select(f => f.RegionCode).Distinct().Count());
        Assert.All(pages.SelectMany(p => p.FollowUps), f => Assert.Equal(id, f.RecommendationId));

        var halland = await steps.GetAsync(id, "13");
        var byCase = await _followUps.ListFollowUpsAsync(new ListFollowUpsRequest { CaseId = halland.CaseId, RegionCode = "13" }, TestTokens.As(Roles.Operator));
        Assert.Equal([halland.Name], byCase.FollowUps.Select(f => f.Name));
        var byRegion = await _followUps.ListFollowUpsAsync(new ListFollowUpsRequest { RegionCode = "13", PageSize = 100 }, FollowUpSteps.Contact("13"));
        Assert.Contains(byRegion.FollowUps, f => f.RecommendationId == other);
        Assert.All(byRegion.FollowUps, f => Assert.Equal("13", f.RegionCode));
    }

    [Fact]
    public async Task A_list_needs_a_filter_and_valid_values()
    {
        var noFilter = await Assert.ThrowsAsync<RpcException>(() => _followUps.ListFollowUpsAsync(new ListFollowUpsRequest(), TestTokens.As(Roles.Operator)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, noFilter.StatusCode);

        var bad = await Assert.ThrowsAsync<RpcException>(() => _followUps.ListFollowUpsAsync(
            new ListFollowUpsRequest { RegionCode = "26", CaseId = "x", PageSize = -1, PageToken = "?" }, TestTokens.As(Roles.Operator)).ResponseAsync);
        Assert.Equal(["case_id", "page_size", "page_token", "region_code"], bad.FieldViolations().Select(v => v.Field).Order());
    }
}
