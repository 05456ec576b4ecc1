using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Samverkan.Cases.Data;
using Samverkan.Cases.V1;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Hosting;

namespace Samverkan.Cases.Grpc;

/// <summary>
/// The list and search queries, on the read model. Pages are keyset pages (the last row's sort key in the token), so a
/// case inserted while someone pages appears on no page twice and pushes no case off a page.
/// </summary>
public sealed class CaseQueries(CasesDbContext db, TimeProvider clock)
{
    /// <summary>Up to this many matches the trigram index's answer is the candidate list.</summary>
    private const int FewMatches = 500;

    public async Task<ListCasesResponse> ListCasesAsync(ListCasesRequest request, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var pageSize = v.PageSize(request.PageSize, 50, 200);
        var after = v.PageToken(request.PageToken, 2);
        for (var i = 0; i < request.States.Count; i++)
        {
            v.Defined(request.States[i], $"states[{i}]");
        }

        if (request.RiskClass != RiskClass.Unspecified)
        {
            v.Defined(request.RiskClass, "risk_class");
        }

        if (request.Source != ProductSource.Unspecified)
        {
            v.Defined(request.Source, "source");
        }

        v.MaxLength(request.ProgrammeAreaCode, "programme_area_code", 100);
        v.Check(!request.ProgrammeAreaCode.Contains('|', StringComparison.Ordinal), "programme_area_code", "is not a programme-area code");
        v.MaxLength(request.Text, "text", 200);
        var since = v.Timestamp(request.UpdatedSince, "updated_since", required: false);
        var (afterTime, afterId) = After(v, after);
        v.ThrowIfInvalid();

        var query = db.Cases.AsNoTracking();
        if (request.States.Count > 0)
        {
            var states = request.States.Select(s => (Domain.CaseStatus)s).ToList();
            query = query.Where(c => states.Contains(c.Status));
        }

        if (request.ProgrammeAreaCode.Length > 0)
        {
            var code = "|" + request.ProgrammeAreaCode + "|";
            query = query.Where(c => c.ProgrammeAreas.Contains(code));
        }

        if (request.RiskClass != RiskClass.Unspecified)
        {
            var riskClass = (Domain.RiskClass)request.RiskClass;
            query = query.Where(c => c.RiskClass == riskClass);
        }

        if (request.Source != ProductSource.Unspecified)
        {
            var source = (Domain.ProductSource)request.Source;
            query = query.Where(c => c.Source == source);
        }

        if (!string.IsNullOrWhiteSpace(request.Text))
        {
            query = await WithTextAsync(query, request.Text.Trim().ToLowerInvariant(), cancellationToken);
        }

        if (since is { } from)
        {
            var sinceTime = from.UtcDateTime;
            query = query.Where(c => c.UpdatedAt >= sinceTime);
        }

        if (afterTime is { } t)
        {
            query = query.Where(c => c.UpdatedAt < t || (c.UpdatedAt == t && c.CaseId.CompareTo(afterId) < 0));
        }

        var page = await query.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.CaseId)
            .Take(pageSize + 1).ToListAsync(cancellationToken);
        var response = new ListCasesResponse { Cases = { page.Take(pageSize).Select(c => c.ToProto()) } };
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            response.NextPageToken = Paging.Encode(last.UpdatedAt.ToString("O", CultureInfo.InvariantCulture), last.CaseId.ToString());
        }

        return response;
    }

    public async Task<ListOverdueAssessmentsResponse> ListOverdueAssessmentsAsync(ListOverdueAssessmentsRequest request, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var pageSize = v.PageSize(request.PageSize, 50, 200);
        var after = v.PageToken(request.PageToken, 2);
        DateOnly? afterDate = null;
        var afterId = Guid.Empty;
        if (after is [var date, var id])
        {
            var valid = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) & Guid.TryParse(id, out afterId);
            v.Check(valid, "page_token", "is not a page token from a previous response");
            afterDate = d;
        }

        v.ThrowIfInvalid();
        var today = clock.Today();
        var query = db.Assessments.AsNoTracking().Where(a => a.DeliveredAt == null && a.CaseOpen && a.ExpectedDeliveryDate < today);
        if (afterDate is { } ad)
        {
            query = query.Where(a => a.ExpectedDeliveryDate > ad || (a.ExpectedDeliveryDate == ad && a.AssessmentId.CompareTo(afterId) > 0));
        }

        var page = await query.OrderBy(a => a.ExpectedDeliveryDate).ThenBy(a => a.AssessmentId).Take(pageSize + 1).ToListAsync(cancellationToken);
        var response = new ListOverdueAssessmentsResponse { Assessments = { page.Take(pageSize).Select(a => a.ToProto()) } };
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            response.NextPageToken = Paging.Encode(last.ExpectedDeliveryDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), last.AssessmentId.ToString());
        }

        return response;
    }

    /// <summary>The case an ordered assessment belongs to, if any case ordered one with this id.</summary>
    public Task<Guid?> CaseOfAssessmentAsync(Guid assessmentId, CancellationToken cancellationToken) =>
        db.Assessments.AsNoTracking().Where(a => a.AssessmentId == assessmentId).Select(a => (Guid?)a.CaseId).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// A text that few cases contain is answered from the trigram index: the cases it names are read by id. For a text
    /// that many contain, walking the newest-first index (which holds the text) reaches a page of matches sooner than
    /// reading every match would. Either way the exact substring test decides: '%' and '_' in the text only widen what
    /// the index's LIKE returns.
    /// </summary>
    private async Task<IQueryable<CaseRecord>> WithTextAsync(IQueryable<CaseRecord> query, string text, CancellationToken cancellationToken)
    {
        var pattern = "%" + text + "%";
        var candidates = await db.CaseSearch.Where(s => EF.Functions.Like(s.SearchText, pattern)).Select(s => s.CaseId)
            .Take(FewMatches + 1).ToListAsync(cancellationToken);
        if (candidates.Count <= FewMatches)
        {
            query = query.Where(c => candidates.Contains(c.CaseId));
        }

        return query.Where(c => c.SearchText.Contains(text));
    }

    private static (DateTime? Time, Guid Id) After(Validation v, string[]? after)
    {
        if (after is not [var time, var id])
        {
            return (null, Guid.Empty);
        }

        var valid = DateTime.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) & Guid.TryParse(id, out var caseId);
        v.Check(valid, "page_token", "is not a page token from a previous response");
        return valid ? (t, caseId) : (null, Guid.Empty);
    }
}
