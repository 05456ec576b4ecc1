using Google.Protobuf.WellKnownTypes;
using Samverkan.Cases.Domain;
using Samverkan.Cases.Grains;
using Samverkan.Cases.V1;
using CommonDate = Samverkan.Common.V1.Date;

namespace Samverkan.Cases.Grpc;

/// <summary>Between the contract's messages and the domain's types. Enum numbers are shared, so enums cast.</summary>
internal static class CaseMapping
{
    public const string Collection = "cases";

    public static string ResourceName(Guid caseId) => $"{Collection}/{caseId}";

    public static Case ToProto(this CaseSnapshot snapshot) => new()
    {
        Name = ResourceName(snapshot.CaseId),
        CaseId = snapshot.CaseId.ToString(),
        Product = snapshot.Product.ToProto(),
        State = (CaseState)snapshot.Status,
        CreateTime = Timestamp.FromDateTimeOffset(snapshot.CreatedAt),
        UpdateTime = Timestamp.FromDateTimeOffset(snapshot.UpdatedAt),
        Etag = snapshot.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static Product ToProto(this ProductDetails product) => new()
    {
        DisplayName = product.DisplayName,
        Manufacturer = product.Manufacturer,
        Description = product.Description,
        Regulation = (V1.Regulation)product.Regulation,
        RiskClass = (V1.RiskClass)product.RiskClass,
        CeMarkingStatus = (CeMarkingStatus)product.CeMarking,
        IsSoftware = product.IsSoftware,
        BasicUdiDi = product.BasicUdiDi,
        EmdnCode = product.EmdnCode,
        ProgrammeAreaCodes = { product.ProgrammeAreaCodes },
        Source = (V1.ProductSource)product.Source,
        SourceDetail = product.SourceDetail,
        ExpectedMarketDate = product.ExpectedMarketDate is { } date
            ? new CommonDate { Year = date.Year, Month = date.Month, Day = date.Day }
            : null,
    };
}
