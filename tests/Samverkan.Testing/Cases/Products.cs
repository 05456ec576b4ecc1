using Samverkan.Cases.V1;

namespace Samverkan.Testing.Cases;

/// <summary>Valid registrations to start from; tests change one field at a time.</summary>
public static class Products
{
    public static RegisterProductRequest Registration(string name = "Insulinpump Omnia") => new()
    {
        RequestId = Guid.NewGuid().ToString(),
        Product = new Product
        {
            DisplayName = name,
            Manufacturer = "Acme Medical AB",
            Description = "Slanglös insulinpump med automatisk dosering.",
            Regulation = Regulation.Mdr,
            RiskClass = RiskClass.MdrIib,
            CeMarkingStatus = CeMarkingStatus.Marked,
            ProgrammeAreaCodes = { "endokrina-sjukdomar" },
            Source = ProductSource.Region,
            SourceDetail = "13",
            ExpectedMarketDate = new Common.V1.Date { Year = 2027, Month = 3, Day = 1 },
        },
    };
}
