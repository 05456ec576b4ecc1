using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samverkan.Cases.Data;
using Samverkan.Cases.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;
using Samverkan.Testing.Cases;

namespace Samverkan.Cases.Tests;

public sealed class RegisterProductTests(CasesFactory factory) : IClassFixture<CasesFactory>
{
    private readonly CaseService.CaseServiceClient _cases = new(factory.CreateGrpcChannel());

    [Fact]
    public async Task A_registered_product_opens_a_case_that_can_be_read_back()
    {
        var registered = (await _cases.RegisterProductAsync(Products.Registration(), TestTokens.As(Roles.PreparationGroup))).Case;

        Assert.Equal(CaseState.Registered, registered.State);
        Assert.Equal("1", registered.Etag);
        Assert.Equal($"cases/{registered.CaseId}", registered.Name);
        var read = (await _cases.GetCaseAsync(new GetCaseRequest { Name = registered.Name }, TestTokens.As(Roles.Operator))).Case;
        Assert.Equal(registered, read);
        Assert.Equal(new Common.V1.Date { Year = 2027, Month = 3, Day = 1 }, read.Product.ExpectedMarketDate);
    }

    [Fact]
    public async Task An_ivdr_software_product_keeps_its_device_identifiers_and_may_have_no_market_date()
    {
        var request = Products.Registration("Beslutsstöd Sepsis");
        var product = request.Product;
        (product.Regulation, product.RiskClass, product.CeMarkingStatus, product.IsSoftware) = (Regulation.Ivdr, RiskClass.IvdrC, CeMarkingStatus.Pending, true);
        (product.BasicUdiDi, product.EmdnCode, product.ExpectedMarketDate) = ("73500001SEPSIS01KB", "W0105", null);

        var registered = (await _cases.RegisterProductAsync(request, TestTokens.As(Roles.PreparationGroup))).Case;

        Assert.Equal(product, registered.Product);
        Assert.Equal(product, (await _cases.GetCaseAsync(new GetCaseRequest { Name = registered.Name }, TestTokens.As(Roles.Operator))).Case.Product);
    }

    [Fact]
    public async Task Registering_opens_the_case_in_the_read_model_and_stores_CaseOpened_in_the_outbox()
    {
        var registered = (await _cases.RegisterProductAsync(Products.Registration("Read model check"), TestTokens.As(Roles.PreparationGroup))).Case;

        await using var db = await Db();
        var row = await db.Cases.SingleAsync(c => c.CaseId == Guid.Parse(registered.CaseId));
        Assert.Equal("Read model check", row.DisplayName);
        var events = await db.Outbox.Where(m => m.Data.Contains(registered.CaseId)).ToListAsync();
        Assert.Equal("samverkan.events.v1.CaseOpened", Assert.Single(events).Type);
    }

    [Fact]
    public async Task Repeating_a_request_id_returns_the_first_case_and_opens_nothing_twice()
    {
        var request = Products.Registration("Idempotent");
        var first = (await _cases.RegisterProductAsync(request, TestTokens.As(Roles.PreparationGroup))).Case;
        request.Product.DisplayName = "Changed on retry";
        var second = (await _cases.RegisterProductAsync(request, TestTokens.As(Roles.PreparationGroup))).Case;

        Assert.Equal(first, second);
        await using var db = await Db();
        Assert.Equal(1, await db.Outbox.CountAsync(m => m.Data.Contains(first.CaseId)));
    }

    [Fact]
    public async Task A_region_contact_registers_for_their_own_region_only()
    {
        var own = Products.Registration();
        own.Product.SourceDetail = "13";
        await _cases.RegisterProductAsync(own, TestTokens.As(Roles.RegionContact, region: "13"));

        var other = Products.Registration();
        other.Product.SourceDetail = "14";
        var refused = await Assert.ThrowsAsync<RpcException>(() => _cases.RegisterProductAsync(other, TestTokens.As(Roles.RegionContact, region: "13")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.False(await OpenedAsync(other));

        var company = Products.Registration();
        (company.Product.Source, company.Product.SourceDetail) = (ProductSource.Company, "Acme Medical AB");
        refused = await Assert.ThrowsAsync<RpcException>(() => _cases.RegisterProductAsync(company, TestTokens.As(Roles.RegionContact, region: "13")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.False(await OpenedAsync(company));
    }

    [Theory]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.CouncilMember)]
    [InlineData(Roles.CouncilSecretary)]
    [InlineData(Roles.ProcurementCoordinator)]
    [InlineData(Roles.Public)]
    public async Task Roles_that_do_not_register_products_are_refused(string role)
    {
        var request = Products.Registration();
        var refused = await Assert.ThrowsAsync<RpcException>(() => _cases.RegisterProductAsync(request, TestTokens.As(role)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.False(await OpenedAsync(request));
    }

    [Fact]
    public async Task A_call_without_a_token_is_unauthenticated()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => _cases.GetCaseAsync(new GetCaseRequest { Name = $"cases/{Guid.NewGuid()}" }).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    [Fact]
    public async Task An_unknown_case_is_not_found_and_a_malformed_name_is_invalid()
    {
        var missing = await Assert.ThrowsAsync<RpcException>(() => _cases.GetCaseAsync(new GetCaseRequest { Name = $"cases/{Guid.NewGuid()}" }, TestTokens.As(Roles.Operator)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);

        var malformed = await Assert.ThrowsAsync<RpcException>(() => _cases.GetCaseAsync(new GetCaseRequest { Name = "products/42" }, TestTokens.As(Roles.Operator)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        Assert.Equal("name", Assert.Single(malformed.FieldViolations()).Field);
    }

    /// <summary>Whether the registration opened a case (its id follows from the request id) or published anything.</summary>
    private async Task<bool> OpenedAsync(RegisterProductRequest request)
    {
        var caseId = Domain.CaseIds.FromRequestId(Guid.Parse(request.RequestId));
        await using var db = await Db();
        return await db.Cases.AnyAsync(c => c.CaseId == caseId) || await db.Outbox.AnyAsync(m => m.Data.Contains(caseId.ToString()));
    }

    private async Task<CasesDbContext> Db() =>
        await factory.Services.GetRequiredService<IDbContextFactory<CasesDbContext>>().CreateDbContextAsync();
}
