using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Samverkan.Bench.Cases;

// In process: the host with its 100,000 products starts once, before BenchmarkDotNet's clock runs (seeding a fresh
// data directory takes minutes and is not what is measured), and serves every benchmark.
await CaseReadBenchmarks.Host.Value;
var config = DefaultConfig.Instance
    .AddJob(Job.Default
        .WithWarmupCount(5)
        .WithIterationCount(30)
        .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(15), logOutput: false)))
    .AddColumn(StatisticColumn.P95, StatisticColumn.OperationsPerSecond);
BenchmarkSwitcher.FromAssembly(typeof(CaseReadBenchmarks).Assembly).Run(args, config);
