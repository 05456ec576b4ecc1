using Samverkan.Council.Data;
using Samverkan.Council.V1;
using Samverkan.ReferenceData.Catalog;

namespace Samverkan.Council.Domain;

/// <summary>
/// Whether the council sitting on a date has its make-up (SKL 2019: members from every healthcare region, a chair,
/// one municipal representative, a secretary). Only warnings: a meeting may still be held.
/// </summary>
public static class Readiness
{
    public static IEnumerable<ReadinessWarning> Check(IReadOnlyList<MemberRecord> sitting, ReferenceDataCatalog catalog)
    {
        var missing = catalog.HealthcareRegions.Select(h => h.Code)
            .Where(code => !sitting.Any(m => m.Decides && m.HealthcareRegionCode == code)).ToList();
        if (missing.Count > 0)
        {
            yield return new ReadinessWarning
            {
                Code = "HEALTHCARE_REGIONS_MISSING",
                Message = $"No sitting member comes from {string.Join(", ", missing.Select(c => catalog.FindHealthcareRegion(c)!.Name))}.",
                HealthcareRegionCodes = { missing },
            };
        }

        if (!sitting.Any(m => m.Role == MemberRole.Chair))
        {
            yield return new ReadinessWarning { Code = "NO_CHAIR", Message = "No chair sits on the meeting's date." };
        }

        if (!sitting.Any(m => m.Role == MemberRole.MunicipalRepresentative))
        {
            yield return new ReadinessWarning { Code = "NO_MUNICIPAL_REPRESENTATIVE", Message = "No municipal representative sits on the meeting's date." };
        }

        if (!sitting.Any(m => m.Role == MemberRole.Secretary))
        {
            yield return new ReadinessWarning { Code = "NO_SECRETARY", Message = "No secretary sits on the meeting's date." };
        }
    }
}
