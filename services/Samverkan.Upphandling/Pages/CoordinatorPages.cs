using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Hosting;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Upphandling.Data;
using Samverkan.Upphandling.Procurement;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Pages;

/// <summary>
/// The procurement coordinator's pages, rendered on the server over the same procurement code as the gRPC contract:
/// the worklist, a dynamic purchasing system with its applications and due dates, and the per-region contract view.
/// </summary>
public static class CoordinatorPages
{
    public const string Root = "/upphandling";

    public static IEndpointRouteBuilder MapCoordinatorPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup(Root).RequireAuthorization(policy => policy.RequireRole(Roles.ProcurementCoordinator, Roles.Operator, Roles.PreparationGroup));
        pages.MapGet("/", WorklistAsync);
        pages.MapGet("/dynamic-purchasing-systems/{id}", SystemAsync);
        pages.MapGet("/recommendations/{id}/contracts", ContractsAsync);
        return app;
    }

    private static async Task<IResult> WorklistAsync(Worklist worklist, PurchasingSystems systems, Qualification qualification, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (items, _) = await worklist.ListAsync(100, string.Empty, cancellationToken);
        var recent = await systems.RecentAsync(50, cancellationToken);
        var nearing = await qualification.NearingDueDateAsync(0, cancellationToken);
        var today = clock.Today();
        var page = new Html("Procurement worklist")
            .Table("worklist", ["Recommendation", "Product", "To do", "State", "Strategy", "Regions", "Contracts"], items.Select(i => (IReadOnlyList<Cell>)
            [
                i.RecommendationNumber, i.ProductDisplayName, i.Title, Mapping.Describe(i.State, i.RevisionSummary),
                i.State == CoordinationItemState.Open ? string.Empty : Mapping.Describe(i.Strategy), string.Join(", ", i.RegionCodes),
                new Cell("Per region", $"{Root}/recommendations/{i.RecommendationId}/contracts"),
            ]))
            .Heading("Dynamic purchasing systems")
            .Table("systems", ["Title", "State", "Valid until", "Procurement region"], recent.Select(s => (IReadOnlyList<Cell>)
            [
                new Cell(s.Title, $"{Root}/dynamic-purchasing-systems/{s.SystemId}"), Mapping.Describe(s.State), s.ValidityEnd.Iso(), s.ProcurementRegionCode,
            ]))
            .Heading("Qualification decisions due within 3 working days or overdue")
            .Table("nearing", ["Supplier", "Organisation number", "Received", "Due", "Extended"], nearing.Select(a => Application(a, today, withDecision: false)));
        return Page(page);
    }

    private static async Task<IResult> SystemAsync(string id, PurchasingSystems systems, Qualification qualification, TimeProvider clock, CancellationToken cancellationToken)
    {
        var name = $"{PurchasingSystems.Collection}/{id}";
        var (found, system) = await Guard(() => systems.GetAsync(name, cancellationToken));
        if (!found)
        {
            return Results.NotFound();
        }

        var (applications, _) = await qualification.ListAsync(new ListSupplierApplicationsRequest { System = name, PageSize = 100 }, cancellationToken);
        var today = clock.Today();
        var page = new Html(system.Title)
            .Paragraph($"{Mapping.Describe(system.State)} · valid {system.ValidityStart.Iso()} to {system.ValidityEnd.Iso()} · procurement region {system.ProcurementRegionCode} · regions {string.Join(", ", system.RegionCodes)}")
            .Heading("Categories")
            .Table("categories", ["Category", "Qualification requirements"], system.Categories.Select(c => (IReadOnlyList<Cell>)[c.Title, c.QualificationRequirements]))
            .Heading("Supplier applications")
            .Table("applications", ["Supplier", "Organisation number", "Received", "Due", "Extended", "Decision"],
                applications.Select(a => Application(a, today, withDecision: true)));
        return Page(page);
    }

    private static async Task<IResult> ContractsAsync(string id, ContractRegister contracts, CancellationToken cancellationToken)
    {
        var (found, (item, regions)) = await Guard(() => contracts.CoverageAsync(id, cancellationToken));
        if (!found)
        {
            return Results.NotFound();
        }

        var page = new Html($"Regions' contracts for {item.RecommendationNumber}")
            .Paragraph(item.ProductDisplayName)
            .Table("contracts", ["Region", "Covered", "Expires", "Contracts"], regions.Select(r => (IReadOnlyList<Cell>)
            [
                $"{r.RegionCode} {r.RegionName}", r.Covered ? "Yes" : "No", r.Expiry?.Iso() ?? string.Empty,
                string.Join("; ", r.Contracts.Select(c => $"{c.SupplierName} ({c.ProductArea}) {c.StartDate.Iso()}–{c.EndDate.Iso()}")),
            ]));
        return Page(page);
    }

    private static IReadOnlyList<Cell> Application(ApplicationRecord a, DateOnly today, bool withDecision)
    {
        var late = Qualification.IsLate(a, today);
        List<Cell> cells =
        [
            a.SupplierName, a.OrganisationNumber, Fields.SwedishDate(a.ReceivedAt).Iso(),
            new Cell(a.DueDate.Iso() + (late ? " (late)" : string.Empty), Warning: late), a.Extended ? "Yes: " + a.ExtensionReason : "No",
        ];
        if (withDecision)
        {
            cells.Add(Mapping.Describe(a.Decision));
        }

        return cells;
    }

    /// <summary>A malformed or unknown id in the address is a missing page, not an error page.</summary>
    private static async Task<(bool Found, T Value)> Guard<T>(Func<Task<T>> read)
    {
        try
        {
            return (true, await read());
        }
        catch (Exception e) when (e is NotFoundException or InvalidRequestException)
        {
            return (false, default!);
        }
    }

    private static IResult Page(Html page) => Results.Content(page.Render(), "text/html; charset=utf-8", System.Text.Encoding.UTF8);
}
