using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Samverkan.ServiceDefaults.Errors;

/// <summary>
/// Turns the domain's exceptions into gRPC statuses with <c>google.rpc</c> details, so a client's mistake is
/// never an <c>Internal</c> error and every refusal says precisely why.
/// </summary>
public sealed partial class ErrorInterceptor(ILogger<ErrorInterceptor> logger) : Interceptor
{
    /// <summary>The <c>ErrorInfo.domain</c> of every error the platform raises.</summary>
    public const string Domain = "samverkan.se";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ToRpcException(ex) is { } rpc)
        {
            LogRefused(logger, context.Method, rpc.StatusCode, ex.Message);
            throw rpc;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ToRpcException(ex) is { } rpc)
        {
            LogRefused(logger, context.Method, rpc.StatusCode, ex.Message);
            throw rpc;
        }
    }

    /// <summary>The gRPC form of a domain exception; null for anything else, which stays an internal error.</summary>
    public static RpcException? ToRpcException(Exception exception) => exception switch
    {
        InvalidRequestException e => Status(Code.InvalidArgument, e.Message, new BadRequest
        {
            FieldViolations = { e.Problems.Select(p => new BadRequest.Types.FieldViolation { Field = p.Field, Description = p.Description }) },
        }),
        NotFoundException e => Status(Code.NotFound, e.Message, new ResourceInfo { ResourceName = e.ResourceName, Description = e.Message }),
        FailedPreconditionException e => Status(Code.FailedPrecondition, e.Message,
            new PreconditionFailure { Violations = { new PreconditionFailure.Types.Violation { Type = e.Reason, Subject = e.Subject, Description = e.Message } } },
            new ErrorInfo { Reason = e.Reason, Domain = Domain }),
        EtagMismatchException e => Status(Code.Aborted, e.Message,
            new ErrorInfo { Reason = "ETAG_MISMATCH", Domain = Domain, Metadata = { ["resource"] = e.ResourceName, ["current_etag"] = e.CurrentEtag } }),
        PermissionDeniedException { Field: { } field } e => Status(Code.PermissionDenied, e.Message, new ErrorInfo { Reason = e.Reason, Domain = Domain },
            new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = e.Message } } }),
        PermissionDeniedException e => Status(Code.PermissionDenied, e.Message, new ErrorInfo { Reason = e.Reason, Domain = Domain }),
        _ => null,
    };

    private static RpcException Status(Code code, string message, params Google.Protobuf.IMessage[] details) =>
        new Google.Rpc.Status { Code = (int)code, Message = message, Details = { details.Select(Any.Pack) } }.ToRpcException();

    [LoggerMessage(EventId = 1, EventName = "grpc.request.refused", Level = LogLevel.Information,
        Message = "{Method} refused with {StatusCode}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, StatusCode statusCode, string reason);
}
