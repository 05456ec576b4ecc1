using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Domain;

/// <summary>The phases each kind of innovation procurement runs through, in order (LOU; 1 kap. 5 § for pre-commercial).</summary>
public static class InnovationPhases
{
    public static IReadOnlyList<InnovationPhase> Of(InnovationProcurementKind kind) => kind switch
    {
        InnovationProcurementKind.Partnership =>
            [InnovationPhase.ResearchAndDevelopment, InnovationPhase.Prototype, InnovationPhase.Pilot, InnovationPhase.Purchase],
        InnovationProcurementKind.PreCommercial =>
            [InnovationPhase.SolutionDesign, InnovationPhase.Prototype, InnovationPhase.FirstBatch],
        _ => [],
    };

    /// <summary>The phase after <paramref name="current"/>, or null when the last is reached.</summary>
    public static InnovationPhase? Next(InnovationProcurementKind kind, InnovationPhase current)
    {
        var phases = Of(kind);
        var index = current == InnovationPhase.Unspecified ? -1 : IndexOf(phases, current);
        return index + 1 < phases.Count ? phases[index + 1] : null;
    }

    public static string Describe(InnovationProcurementKind kind) => string.Join(" → ", Of(kind).Select(Describe));

    public static string Describe(InnovationPhase phase) => phase switch
    {
        InnovationPhase.ResearchAndDevelopment => "research and development",
        InnovationPhase.SolutionDesign => "solution design",
        InnovationPhase.Prototype => "prototype",
        InnovationPhase.Pilot => "pilot",
        InnovationPhase.FirstBatch => "first batch",
        InnovationPhase.Purchase => "purchase",
        _ => "none",
    };

    private static int IndexOf(IReadOnlyList<InnovationPhase> phases, InnovationPhase phase)
    {
        for (var i = 0; i < phases.Count; i++)
        {
            if (phases[i] == phase)
            {
                return i;
            }
        }

        return -1;
    }
}
