namespace Samverkan.ServiceDefaults.Security;

/// <summary>The roles a token carries in its <c>role</c> claims, one per kind of user of the platform.</summary>
public static class Roles
{
    /// <summary>The preparation group (beredningsgrupp): registers, nominates, prioritises and prepares cases.</summary>
    public const string PreparationGroup = "preparation-group";

    /// <summary>The council's secretary/coordinator: runs meetings and alone publishes recommendations.</summary>
    public const string CouncilSecretary = "council-secretary";

    /// <summary>A council member, the chair included.</summary>
    public const string CouncilMember = "council-member";

    /// <summary>The procurement coordinator (upphandlingskoordinator).</summary>
    public const string ProcurementCoordinator = "procurement-coordinator";

    /// <summary>A region's contact person; acts only for the region in the token's <c>region</c> claim.</summary>
    public const string RegionContact = "region-contact";

    /// <summary>An operator: reads everything, writes nothing but operational data such as population imports.</summary>
    public const string Operator = "operator";

    /// <summary>The public, read-only role (published recommendations only).</summary>
    public const string Public = "public";
}

/// <summary>The claim types the platform reads from a token.</summary>
public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Role = "role";

    /// <summary>The two-digit code of the caller's region, e.g. <c>13</c>.</summary>
    public const string Region = "region";

    /// <summary>The organisation the caller acts for.</summary>
    public const string Organisation = "org";
}
