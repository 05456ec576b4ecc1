using Google.Rpc;
using Grpc.Core;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.Testing;

namespace Samverkan.Platform.Tests.Errors;

public sealed class ErrorInterceptorTests
{
    [Fact]
    public void Invalid_input_is_InvalidArgument_with_one_field_violation_per_problem()
    {
        var rpc = ErrorInterceptor.ToRpcException(new InvalidRequestException([new("name", "is required"), new("page_size", "must be between 1 and 100")]))!;

        Assert.Equal(StatusCode.InvalidArgument, rpc.StatusCode);
        Assert.Equal(["name", "page_size"], rpc.FieldViolations().Select(v => v.Field));
        Assert.Equal("is required", rpc.FieldViolations()[0].Description);
    }

    [Fact]
    public void An_illegal_transition_is_FailedPrecondition_naming_reason_and_subject()
    {
        var rpc = ErrorInterceptor.ToRpcException(new FailedPreconditionException("ILLEGAL_TRANSITION", "cases/1", "Case is CLOSED; allowed: none."))!;

        Assert.Equal(StatusCode.FailedPrecondition, rpc.StatusCode);
        var violation = Assert.Single(rpc.PreconditionFailure()!.Violations);
        Assert.Equal(("ILLEGAL_TRANSITION", "cases/1"), (violation.Type, violation.Subject));
        Assert.Equal("ILLEGAL_TRANSITION", rpc.ErrorInfo()!.Reason);
    }

    [Fact]
    public void A_stale_etag_is_Aborted_with_the_current_etag()
    {
        var rpc = ErrorInterceptor.ToRpcException(new EtagMismatchException("cases/1", "7"))!;

        Assert.Equal(StatusCode.Aborted, rpc.StatusCode);
        Assert.Equal("ETAG_MISMATCH", rpc.ErrorInfo()!.Reason);
        Assert.Equal("7", rpc.ErrorInfo()!.Metadata["current_etag"]);
    }

    [Fact]
    public void Unknown_resources_and_refusals_map_to_NotFound_and_PermissionDenied()
    {
        var notFound = ErrorInterceptor.ToRpcException(new NotFoundException("cases/1"))!;
        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("cases/1", notFound.GetRpcStatus()!.GetDetail<ResourceInfo>().ResourceName);

        var denied = ErrorInterceptor.ToRpcException(new PermissionDeniedException("REGION_MISMATCH", "not your region"))!;
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal("REGION_MISMATCH", denied.ErrorInfo()!.Reason);
    }

    [Fact]
    public void Anything_else_is_left_to_gRPC_as_an_internal_error() =>
        Assert.Null(ErrorInterceptor.ToRpcException(new InvalidOperationException("bug")));
}
