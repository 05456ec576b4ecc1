using BenchmarkDotNet.Attributes;
using Grpc.Core;
using Samverkan.Bench.V1;
using Samverkan.Cases.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.Bench.Cases;

/// <summary>
/// One caller at a time, over one HTTP/2 connection, with the same bearer token on every call (the echo too, so
/// both pay for authentication): the ratio of means is the ratio of single-caller throughputs.
/// </summary>
[MemoryDiagnoser]
public class CaseReadBenchmarks
{
    internal static readonly Lazy<Task<BenchHost>> Host = new(() => BenchHost.StartAsync(DataDirectory()));

    private readonly Metadata _token = TestTokens.As(Roles.Operator);
    private CaseService.CaseServiceClient _cases = null!;
    private EchoService.EchoServiceClient _echo = null!;
    private IReadOnlyList<string> _names = [];
    private int _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var host = await Host.Value;
        _cases = new CaseService.CaseServiceClient(host.Channel);
        _echo = new EchoService.EchoServiceClient(host.Channel);
        _names = await host.CaseNamesAsync(1_000);
    }

    [Benchmark(Baseline = true)]
    public Task<EchoResponse> Echo() => _echo.EchoAsync(new EchoRequest { Message = "hej" }, _token).ResponseAsync;

    /// <summary>Round-robin over 1,000 cases, so the grains stay activated as a busy system's would.</summary>
    [Benchmark]
    public Task<GetCaseResponse> GetCase() =>
        _cases.GetCaseAsync(new GetCaseRequest { Name = _names[_next++ % _names.Count] }, _token).ResponseAsync;

    [Benchmark]
    public Task<ListCasesResponse> ListCasesFirstPage() =>
        _cases.ListCasesAsync(new ListCasesRequest { PageSize = 50 }, _token).ResponseAsync;

    /// <summary>A name typed in part: the text matches 10 of the 100,000 products.</summary>
    [Benchmark]
    public Task<ListCasesResponse> ListCasesByName() =>
        _cases.ListCasesAsync(new ListCasesRequest { PageSize = 50, Text = "Produkt 04567" }, _token).ResponseAsync;

    /// <summary>
    /// The worst case: the text matches 10 % of the products (2 % with the programme area), all registered early, so
    /// the newest page is found only after every match has been read.
    /// </summary>
    [Benchmark]
    public Task<ListCasesResponse> ListCasesFiltered() =>
        _cases.ListCasesAsync(new ListCasesRequest { PageSize = 50, ProgrammeAreaCode = "andningsorgan", Text = "Produkt 01" }, _token).ResponseAsync;

    private static string DataDirectory()
    {
        var directory = Path.Combine(RepositoryPaths.Root, "bench", ".data", $"cases-{BenchHost.Products}");
        Directory.CreateDirectory(directory);
        return directory;
    }
}
