namespace Samverkan.OrleansHosting;

/// <summary>How the silo finds its peers and stores grain state (configuration section <c>Silo</c>; not "Orleans", which Orleans itself reads as provider configuration).</summary>
public sealed class OrleansOptions
{
    /// <summary>Localhost: one silo (the standalone host, tests). AdoNet: membership in PostgreSQL (Kubernetes).</summary>
    public OrleansClustering Clustering { get; set; } = OrleansClustering.AdoNet;

    public string ClusterId { get; set; } = "samverkan";

    /// <summary>Identifies whose grain state this is; each service has its own, the standalone host one for all.</summary>
    public string ServiceId { get; set; } = "samverkan";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>For localhost clustering with several silos: the first silo's endpoint, e.g. <c>127.0.0.1:11111</c>.</summary>
    public string? PrimarySiloEndpoint { get; set; }
}

public enum OrleansClustering
{
    Localhost,
    AdoNet,
}
