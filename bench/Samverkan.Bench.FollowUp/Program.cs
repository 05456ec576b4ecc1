using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Samverkan.Bench.FollowUp;

/// <summary>Runs the benchmark and prints the median and the 99th percentile that bench/README.md records.</summary>
internal static class BenchmarkProgram
{
    public static int Main(string[] args)
    {
        // In-process: the host under test and the measuring loop share the process, as the standalone host does one machine.
        var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(30).WithInvocationCount(1).WithUnrollFactor(1)
            // Every slow publish counts: the 99th percentile is exactly what outlier removal would hide.
            .WithOutlierMode(Perfolizer.Mathematics.OutlierDetection.OutlierMode.DontRemove);
        var summary = BenchmarkRunner.Run<PublishToRegionsBenchmark>(DefaultConfig.Instance.AddJob(job), args);
        foreach (var report in summary.Reports)
        {
            if (report.ResultStatistics is not { } s)
            {
                Console.Error.WriteLine($"{report.BenchmarkCase.DisplayInfo}: no result");
                return 1;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{report.BenchmarkCase.Descriptor.WorkloadMethod.Name}: n={s.N} median={s.Median / 1e6:0.00} ms p99={s.Percentiles.Percentile(99) / 1e6:0.00} ms max={s.Max / 1e6:0.00} ms"));
        }

        return summary.Reports.Length > 0 ? 0 : 1;
    }
}
