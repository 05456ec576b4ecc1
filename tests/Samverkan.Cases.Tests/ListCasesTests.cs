using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samverkan.Cases.Data;
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
        // A later change, so the newest-first order does not fall back on the case ids.
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
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

    [Fact]
    public async Task Text_is_found_anywhere_in_name_or_manufacturer_and_wildcard_characters_are_literal()
    {
        var percent = await Steps.RegisterAsync("Sökdos 50% Mini");
        var digits = await Steps.RegisterAsync("Sökdos 500 Mini");
        var underscore = await Steps.RegisterAsync("Sökport A_B");
        var letter = await Steps.RegisterAsync("Sökport AxB");

        Assert.Equal([percent.CaseId], await ListAsync(new ListCasesRequest { Text = "50%" }));
        Assert.Equal([underscore.CaseId], await ListAsync(new ListCasesRequest { Text = "a_b" }));
        Assert.Equal([letter.CaseId], await ListAsync(new ListCasesRequest { Text = "ökport ax" }));
        Assert.Equal(Sorted(percent, digits), Sorted(await ListAsync(new ListCasesRequest { Text = "dos 50" })));
        // Shorter than a trigram: answered without the index, with the same meaning.
        Assert.Equal(Sorted(underscore, letter), Sorted(await ListAsync(new ListCasesRequest { Text = "rt" })));
    }

    [Fact]
    public async Task A_text_that_hundreds_of_cases_contain_lists_every_one_of_them()
    {
        // More than the 500 matches up to which the trigram index's answer is used as the candidate list.
        const int Matching = 510;
        await Parallel.ForAsync(0, Matching, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) => await Steps.RegisterAsync($"Mångträff {i:D3}"));
        await Steps.RegisterAsync("Mångfald 001");

        var seen = new List<string>();
        var request = new ListCasesRequest { Text = "mångträff", PageSize = 200 };
        do
        {
            var page = await _cases.ListCasesAsync(request, CaseSteps.PreparationGroup);
            seen.AddRange(page.Cases.Select(c => c.ProductDisplayName));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        Assert.Equal(Enumerable.Range(0, Matching).Select(i => $"Mångträff {i:D3}").Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_registered_case_is_in_the_text_search_index()
    {
        var registered = await Steps.RegisterAsync("Indexerad Glukosmätare");

        await using var scope = factory.Services.CreateAsyncScope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CasesDbContext>>().CreateDbContextAsync();
        var indexed = await db.CaseSearch.Where(s => EF.Functions.Like(s.SearchText, "%glukosmät%")).Select(s => s.CaseId).ToListAsync();
        Assert.Equal([Guid.Parse(registered.CaseId)], indexed);
    }

    private static List<string> Sorted(params Case[] cases) => [.. cases.Select(c => c.CaseId).Order(StringComparer.Ordinal)];

    private static List<string> Sorted(List<string> ids) => [.. ids.Order(StringComparer.Ordinal)];

    private async Task<List<string>> ListAsync(ListCasesRequest request) =>
        [.. (await _cases.ListCasesAsync(request, CaseSteps.PreparationGroup)).Cases.Select(c => c.CaseId)];
}
