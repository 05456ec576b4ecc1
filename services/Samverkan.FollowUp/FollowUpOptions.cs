namespace Samverkan.FollowUp;

/// <summary>Settings of the follow-up module (configuration section <c>FollowUp</c>).</summary>
public sealed class FollowUpOptions
{
    /// <summary>A region is an outlier when its rate is above the national rate times this, or below it divided by this. Above 1.</summary>
    public double OutlierFactor { get; set; } = 1.5;
}
