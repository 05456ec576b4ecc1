using Grpc.Core;
using Samverkan.Council.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.Council.Tests;

public sealed class ListRecommendationsTests : CouncilTest
{

    [Fact]
    public async Task A_case_without_recommendations_lists_none()
    {
        var response = await Council.ListRecommendationsAsync(new ListRecommendationsRequest { CaseId = Guid.NewGuid().ToString() }, TestTokens.As(Roles.Public));
        Assert.Empty(response.Recommendations);
    }

    [Fact]
    public async Task Bad_filters_are_refused_with_their_fields()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Council.ListRecommendationsAsync(
            new ListRecommendationsRequest { CaseId = "not-a-case", PageSize = 1000 }, TestTokens.As(Roles.Public)).ResponseAsync);
        Assert.Equal(["case_id", "page_size"], error.FieldViolations().Select(v => v.Field).Order());
    }
}
