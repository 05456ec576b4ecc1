using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Samverkan.Bench.Notifications;

/// <summary>Runs the benchmark and prints the median and the maximum that bench/README.md records.</summary>
internal static class BenchmarkProgram
{
    public static int Main(string[] args)
    {
        // In-process: the host, the webhook receiver and the measuring loop share the process, as one machine would.
        // Each iteration is one whole fan-out of seconds, so a few single runs (monitoring) rather than many calls.
        // The in-process toolchain's default time limit (5 minutes) is shorter than a run of fan-outs of about a minute each.
        var job = Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)).WithStrategy(RunStrategy.Monitoring)
            .WithWarmupCount(1).WithIterationCount(3).WithInvocationCount(1).WithUnrollFactor(1)
            .WithOutlierMode(Perfolizer.Mathematics.OutlierDetection.OutlierMode.DontRemove);
        var summary = BenchmarkRunner.Run<FanOutBenchmark>(DefaultConfig.Instance.AddJob(job), args);
        foreach (var report in summary.Reports)
        {
            if (report.ResultStatistics is not { } s)
            {
                Console.Error.WriteLine($"{report.BenchmarkCase.DisplayInfo}: no result");
                return 1;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{report.BenchmarkCase.Descriptor.WorkloadMethod.Name}: n={s.N} min={s.Min / 1e6:0} ms median={s.Median / 1e6:0} ms max={s.Max / 1e6:0} ms"));
        }

        return summary.Reports.Length > 0 ? 0 : 1;
    }
}
