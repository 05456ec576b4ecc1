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
    public async Task A_list_needs_a_filter_and_valid_values()
    {
        var noFilter = await Assert.ThrowsAsync<RpcException>(() => _followUps.ListFollowUpsAsync(new ListFollowUpsRequest(), TestTokens.As(Roles.Operator)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, noFilter.StatusCode);

        var bad = await Assert.ThrowsAsync<RpcException>(() => _followUps.ListFollowUpsAsync(
            new ListFollowUpsRequest { RegionCode = "26", CaseId = "x", PageSize = -1, PageToken = "?" }, TestTokens.As(Roles.Operator)).ResponseAsync);
        Assert.Equal(["case_id", "page_size", "page_token", "region_code"], bad.FieldViolations().Select(v => v.Field).Order());
    }
}
