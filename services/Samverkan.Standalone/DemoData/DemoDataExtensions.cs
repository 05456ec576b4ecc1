namespace Samverkan.Standalone.DemoData;

public static class DemoDataExtensions
{
    /// <summary>Seeds demonstration cases on start when <c>DemoData:Enabled</c> is true (the standalone default).</summary>
    public static IHostApplicationBuilder AddDemoData(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("DemoData:Enabled", false))
        {
            builder.Services.AddHostedService<DemoDataSeeder>();
        }

        return builder;
    }
}
