using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In process: the host with its 100,000 products starts once and serves every benchmark.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance))
    .AddColumn(StatisticColumn.P95, StatisticColumn.OperationsPerSecond);
BenchmarkSwitcher.FromAssembly(typeof(Samverkan.Bench.Cases.CaseReadBenchmarks).Assembly).Run(args, config);
