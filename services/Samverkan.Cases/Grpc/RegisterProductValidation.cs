using System.Security.Claims;
using System.Text.RegularExpressions;
using Samverkan.Cases.Domain;
using Samverkan.Cases.Grains;
using Samverkan.Cases.V1;
using Samverkan.ReferenceData.Catalog;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Security;

namespace Samverkan.Cases.Grpc;

/// <summary>Checks every field of a registration and turns it into the grain's command.</summary>
internal static partial class RegisterProductValidation
{
    public static RegisterProduct Validate(RegisterProductRequest request, ClaimsPrincipal caller, ReferenceDataCatalog catalog)
    {
        var v = new Validation();
        var requestId = v.Uuid(request.RequestId, "request_id");
        var product = ValidateProduct(v, request.Product, catalog);
        v.ThrowIfInvalid();

        if (caller.IsInRole(Roles.RegionContact) && !caller.IsInRole(Roles.PreparationGroup))
        {
            // A region's contact person reports products found by their own region, nothing else.
            if (product.Source != Domain.ProductSource.Region)
            {
                throw new PermissionDeniedException("REGION_CONTACT_SOURCE", "A region's contact person registers products with source REGION only.");
            }

            caller.EnsureMayActForRegion(product.SourceDetail);
        }

        return new RegisterProduct { RequestId = requestId, Product = product, Actor = caller.ToActor().ToAuditActor() };
    }

    private static ProductDetails ValidateProduct(Validation v, Product? product, ReferenceDataCatalog catalog)
    {
        if (product is null)
        {
            v.Add("product", "is required");
            return new ProductDetails();
        }

        v.Required(product.DisplayName, "product.display_name", 200);
        v.Required(product.Manufacturer, "product.manufacturer", 200);
        v.Required(product.Description, "product.description", 4000);
        var regulationKnown = v.Defined(product.Regulation, "product.regulation");
        if (v.Defined(product.RiskClass, "product.risk_class") && regulationKnown)
        {
            v.Check(((Domain.RiskClass)product.RiskClass).BelongsTo((Domain.Regulation)product.Regulation),
                "product.risk_class", $"is not a class of the product's regulation (MDR: I, IIa, IIb, III; IVDR: A–D)");
        }

        v.Defined(product.CeMarkingStatus, "product.ce_marking_status");
        if (product.BasicUdiDi.Length > 0)
        {
            v.Check(BasicUdiDiPattern().IsMatch(product.BasicUdiDi), "product.basic_udi_di", "must be 1–120 letters, digits or + - . / * : characters");
        }

        if (product.EmdnCode.Length > 0)
        {
            v.Check(EmdnPattern().IsMatch(product.EmdnCode), "product.emdn_code", "must be an EMDN code: a category letter A–Z followed by up to 12 digits, e.g. Z12040115");
        }

        v.Check(product.ProgrammeAreaCodes.Count > 0, "product.programme_area_codes", "must name at least one programme area");
        for (var i = 0; i < product.ProgrammeAreaCodes.Count; i++)
        {
            v.Check(catalog.FindProgrammeArea(product.ProgrammeAreaCodes[i]) is not null, $"product.programme_area_codes[{i}]",
                $"'{product.ProgrammeAreaCodes[i]}' is not a programme area (see ReferenceDataService.ListProgrammeAreas)");
        }

        v.Check(product.ProgrammeAreaCodes.Distinct().Count() == product.ProgrammeAreaCodes.Count, "product.programme_area_codes", "must not repeat a code");
        if (v.Defined(product.Source, "product.source"))
        {
            ValidateSourceDetail(v, product, catalog);
        }

        var expectedMarketDate = v.Date(product.ExpectedMarketDate, "product.expected_market_date", required: false);
        return new ProductDetails
        {
            DisplayName = product.DisplayName.Trim(),
            Manufacturer = product.Manufacturer.Trim(),
            Description = product.Description.Trim(),
            Regulation = (Domain.Regulation)product.Regulation,
            RiskClass = (Domain.RiskClass)product.RiskClass,
            CeMarking = (CeMarking)product.CeMarkingStatus,
            IsSoftware = product.IsSoftware,
            BasicUdiDi = product.BasicUdiDi,
            EmdnCode = product.EmdnCode,
            ProgrammeAreaCodes = [.. product.ProgrammeAreaCodes],
            Source = (Domain.ProductSource)product.Source,
            SourceDetail = product.SourceDetail.Trim(),
            ExpectedMarketDate = expectedMarketDate,
        };
    }

    private static void ValidateSourceDetail(Validation v, Product product, ReferenceDataCatalog catalog)
    {
        const string Field = "product.source_detail";
        switch (product.Source)
        {
            case V1.ProductSource.Region:
                v.Check(catalog.FindRegion(product.SourceDetail) is not null, Field, "must be the two-digit code of the reporting region");
                break;
            case V1.ProductSource.ProgrammeArea:
                v.Check(catalog.FindProgrammeArea(product.SourceDetail) is not null, Field, "must be the code of the reporting programme area");
                break;
            case V1.ProductSource.Tlv:
                v.MaxLength(product.SourceDetail, Field, 200);
                break;
            default:
                v.Required(product.SourceDetail, Field, 200);
                break;
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9+\-./*:]{1,120}$")]
    private static partial Regex BasicUdiDiPattern();

    [GeneratedRegex(@"^[A-Z][0-9]{0,12}$")]
    private static partial Regex EmdnPattern();
}
