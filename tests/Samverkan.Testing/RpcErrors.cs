using Google.Rpc;
using Grpc.Core;

namespace Samverkan.Testing;

/// <summary>Reads the <c>google.rpc</c> details the platform attaches to its errors.</summary>
public static class RpcErrors
{
    public static IReadOnlyList<BadRequest.Types.FieldViolation> FieldViolations(this RpcException exception) =>
        exception.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.ToList() ?? [];

    public static ErrorInfo? ErrorInfo(this RpcException exception) => exception.GetRpcStatus()?.GetDetail<ErrorInfo>();

    public static PreconditionFailure? PreconditionFailure(this RpcException exception) =>
        exception.GetRpcStatus()?.GetDetail<PreconditionFailure>();
}
