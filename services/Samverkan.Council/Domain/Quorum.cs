using Samverkan.Council.Data;
using Samverkan.Council.V1;
using Samverkan.ServiceDefaults.Errors;

namespace Samverkan.Council.Domain;

/// <summary>
/// Who may take part in a decision and whether enough do. A member with a declared conflict of interest on the item
/// never takes part; more than half of the members sitting on the meeting's date must take part, the chair or the
/// deputy chair among them. A refusal names who is missing.
/// </summary>
public static class Quorum
{
    public static void Check(string subject, IReadOnlyList<MemberRecord> sitting, IReadOnlyCollection<MemberRecord> participants, IReadOnlyCollection<Guid> conflicted)
    {
        var withConflict = participants.Where(p => conflicted.Contains(p.MemberId)).ToList();
        if (withConflict.Count > 0)
        {
            throw new FailedPreconditionException("CONFLICT_OF_INTEREST", subject,
                $"{Names(withConflict)} declared a conflict of interest on this item and may not take part in the decision.");
        }

        var deciding = sitting.Where(m => m.Decides).ToList();
        var notSitting = participants.Where(p => !deciding.Any(d => d.MemberId == p.MemberId)).ToList();
        if (notSitting.Count > 0)
        {
            throw new FailedPreconditionException("NOT_A_SITTING_MEMBER", subject,
                $"{Names(notSitting)} did not hold a deciding seat on the council on the meeting's date.");
        }

        var needed = (deciding.Count / 2) + 1;
        var hasChair = participants.Any(p => p.Role is MemberRole.Chair or MemberRole.DeputyChair);
        if (participants.Count >= needed && hasChair)
        {
            return;
        }

        var missing = deciding.Where(d => !participants.Any(p => p.MemberId == d.MemberId)).ToList();
        var absent = missing.Where(m => !conflicted.Contains(m.MemberId)).ToList();
        var excluded = missing.Where(m => conflicted.Contains(m.MemberId)).ToList();
        var parts = new List<string>
        {
            $"No quorum: {participants.Count} of {deciding.Count} sitting members take part; more than half ({needed}) must, the chair or deputy chair among them.",
        };
        if (!hasChair)
        {
            parts.Add("Neither the chair nor the deputy chair takes part.");
        }

        if (absent.Count > 0)
        {
            parts.Add($"Not taking part: {Names(absent)}.");
        }

        if (excluded.Count > 0)
        {
            parts.Add($"Excluded for a conflict of interest: {Names(excluded)}.");
        }

        throw new FailedPreconditionException("QUORUM_NOT_MET", subject, string.Join(' ', parts));
    }

    private static string Names(IEnumerable<MemberRecord> members) =>
        string.Join(", ", members.Select(m => $"{m.DisplayName} ({RoleName(m.Role)})"));

    private static string RoleName(MemberRole role) => role switch
    {
        MemberRole.Chair => "chair",
        MemberRole.DeputyChair => "deputy chair",
        MemberRole.MunicipalRepresentative => "municipal representative",
        MemberRole.Secretary => "secretary",
        _ => "member",
    };
}
