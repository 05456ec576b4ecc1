using Grpc.Core;
using Samverkan.Bench.V1;

namespace Samverkan.Bench.Cases;

/// <summary>The bare call GetCase and ListCases are measured against: same host, same channel, no work.</summary>
public sealed class Echoer : EchoService.EchoServiceBase
{
    public override Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoResponse { Message = request.Message });
}
