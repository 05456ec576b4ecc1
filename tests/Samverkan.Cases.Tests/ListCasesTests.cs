using Google.Protobuf.WellKnownTypes;
using Samverkan.Cases.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;
using Samverkan.Testing.Cases;

namespace Samverkan.Cases.Tests;

/// <summary>Each test class has its own host, so the list holds only what the test registered.</summary>
public sealed class ListCasesTests(CasesFactory factory) : IClassFixture<CasesFactory>
{
    private readonly CaseService.CaseServiceClient _cases = new(factory.CreateGrpcChannel());

    private CaseSteps Steps => new(_cases, factory.Clock);

    [Fact]
    public async Task A_change_is_listed_as_soon_as_it_returns_and_filters_combine()
    {
        var pump = await Steps.RegisterAsync("Filterpump Alfa");
        var registration = Products.Registration("Filtermätare Beta");
        registration.Product.Manufacturer = "Nordic Sense AB";
        registration.Product.RiskClass = RiskClass.MdrIia;
        registration.Product.ProgrammeAreaCodes.Clear();
        registration.Product.ProgrammeAreaCodes.Add("andningsorgan");
        var meter = (await _cases.RegisterProductAsync(registration, CaseSteps.PreparationGroup)).Case;
        var nominated = await Steps.NominateAsync(pump);

        Assert.Equal([nominated.CaseId], await ListAsync(new ListCasesRequest { States = { CaseState.Nominated }, Text = "filter" }));
        Assert.Equal(nominated.Etag, (await _cases.ListCasesAsync(new ListCasesRequest { Text = "ALFA" }, TestTokens.As(Roles.Public))).Cases.Single().Etag);
        Assert.Equal([meter.CaseId], await ListAsync(new ListCasesRequest { ProgrammeAreaCode = "andningsorgan", Text = "filter" }));
        Assert.Equal([meter.CaseId], await ListAsync(new ListCasesRequest { RiskClass = RiskClass.MdrIia, Text = "filter" }));
        Assert.Equal([meter.CaseId], await ListAsync(new ListCasesRequest { Text = "nordic sense" }));
        Assert.Equal([nominated.CaseId, meter.CaseId], await ListAsync(new ListCasesRequest { Source = ProductSource.Region, Text = "filter" }));
        Assert.Empty(await ListAsync(new ListCasesRequest { Text = "filter", UpdatedSince = Timestamp.FromDateTimeOffset(factory.Clock.GetUtcNow().AddMinutes(1)) }));
    }

    [Fact]
    public async Task Paging_is_stable_while_cases_are_registered_between_pages()
    {
        var first = new List<Case>();
        for (var i = 0; i < 7; i++)
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
            first.Add(await Steps.RegisterAsync($"Sidning {i}"));
        }

        var seen = new List<string>();
        var request = new ListCasesRequest { Text = "sidning", PageSize = 3 };
        do
        {
            var page = await _cases.ListCasesAsync(request, CaseSteps.PreparationGroup);
            seen.AddRange(page.Cases.Select(c => c.CaseId));
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
            await Steps.RegisterAsync("Sidning ny");
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        Assert.Equal(first.Select(c => c.CaseId).Reverse(), seen);
    }

    private async Task<List<string>> ListAsync(ListCasesRequest request) =>
        [.. (await _cases.ListCasesAsync(request, CaseSteps.PreparationGroup)).Cases.Select(c => c.CaseId)];
}
