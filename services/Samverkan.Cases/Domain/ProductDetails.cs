namespace Samverkan.Cases.Domain;

/// <summary>The product a case is about, as registered from horizon scanning.</summary>
[GenerateSerializer, Alias("samverkan.cases.product-details")]
public sealed class ProductDetails
{
    [Id(0)] public string DisplayName { get; set; } = string.Empty;
    [Id(1)] public string Manufacturer { get; set; } = string.Empty;
    [Id(2)] public string Description { get; set; } = string.Empty;
    [Id(3)] public Regulation Regulation { get; set; }
    [Id(4)] public RiskClass RiskClass { get; set; }
    [Id(5)] public CeMarking CeMarking { get; set; }
    [Id(6)] public bool IsSoftware { get; set; }
    [Id(7)] public string BasicUdiDi { get; set; } = string.Empty;
    [Id(8)] public string EmdnCode { get; set; } = string.Empty;
    [Id(9)] public List<string> ProgrammeAreaCodes { get; set; } = [];
    [Id(10)] public ProductSource Source { get; set; }
    [Id(11)] public string SourceDetail { get; set; } = string.Empty;
    [Id(12)] public DateOnly? ExpectedMarketDate { get; set; }
}

/// <summary>The EU regulation a product falls under. Numbers match <c>samverkan.cases.v1.Regulation</c>.</summary>
public enum Regulation
{
    Mdr = 1,
    Ivdr = 2,
}

/// <summary>Risk class under MDR or IVDR. Numbers match <c>samverkan.cases.v1.RiskClass</c>.</summary>
public enum RiskClass
{
    MdrI = 1,
    MdrIIa = 2,
    MdrIIb = 3,
    MdrIII = 4,
    IvdrA = 5,
    IvdrB = 6,
    IvdrC = 7,
    IvdrD = 8,
}

/// <summary>CE-marking status. Numbers match <c>samverkan.cases.v1.CeMarkingStatus</c>.</summary>
public enum CeMarking
{
    Marked = 1,
    Pending = 2,
    NotMarked = 3,
}

/// <summary>Where horizon scanning found the product. Numbers match <c>samverkan.cases.v1.ProductSource</c>.</summary>
public enum ProductSource
{
    Region = 1,
    ProgrammeArea = 2,
    Tlv = 3,
    Company = 4,
    NordicPartner = 5,
    Other = 6,
}

public static class RiskClasses
{
    /// <summary>Whether <paramref name="riskClass"/> is a class of <paramref name="regulation"/> (MDR I–III, IVDR A–D).</summary>
    public static bool BelongsTo(this RiskClass riskClass, Regulation regulation) => regulation switch
    {
        Regulation.Mdr => riskClass is RiskClass.MdrI or RiskClass.MdrIIa or RiskClass.MdrIIb or RiskClass.MdrIII,
        Regulation.Ivdr => riskClass is RiskClass.IvdrA or RiskClass.IvdrB or RiskClass.IvdrC or RiskClass.IvdrD,
        _ => false,
    };
}
