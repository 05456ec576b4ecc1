using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Samverkan.ServiceDefaults.Errors;

namespace Samverkan.Platform.Tests.Errors;

/// <summary>Grains throw the domain's errors across the silo boundary; they must arrive as what they were.</summary>
public sealed class ExceptionSerializationTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void Domain_errors_survive_Orleans_serialization_with_their_details()
    {
        var invalid = RoundTrip(new InvalidRequestException([new FieldProblem("name", "is required")]));
        Assert.Equal(new FieldProblem("name", "is required"), Assert.Single(invalid.Problems));

        var precondition = RoundTrip(new FailedPreconditionException("ILLEGAL_TRANSITION", "cases/1", "Case is CLOSED."));
        Assert.Equal(("ILLEGAL_TRANSITION", "cases/1", "Case is CLOSED."), (precondition.Reason, precondition.Subject, precondition.Message));

        var etag = RoundTrip(new EtagMismatchException("cases/1", "4"));
        Assert.Equal(("cases/1", "4"), (etag.ResourceName, etag.CurrentEtag));

        Assert.Equal("cases/9", RoundTrip(new NotFoundException("cases/9")).ResourceName);
        Assert.Equal("REGION_MISMATCH", RoundTrip(new PermissionDeniedException("REGION_MISMATCH", "no")).Reason);
    }

    private static T RoundTrip<T>(T exception) where T : Exception
    {
        var copy = Serializer.Deserialize<Exception>(Serializer.SerializeToArray<Exception>(exception));
        return Assert.IsType<T>(copy);
    }
}
