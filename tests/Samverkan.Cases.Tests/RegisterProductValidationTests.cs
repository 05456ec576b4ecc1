using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samverkan.Cases.Data;
using Samverkan.Cases.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;
using Samverkan.Testing.Cases;

namespace Samverkan.Cases.Tests;

/// <summary>Every field of a registration is checked, each problem is named, and nothing is written.</summary>
public sealed class RegisterProductValidationTests(CasesFactory factory) : IClassFixture<CasesFactory>
{
    private readonly CaseService.CaseServiceClient _cases = new(factory.CreateGrpcChannel());

    public static TheoryData<string, string> BadRegistrations => new()
    {
        { "request_id", "" },
        { "request_id", "not-a-uuid" },
        { "product.display_name", "" },
        { "product.display_name", "too-long" },
        { "product.manufacturer", "" },
        { "product.description", "" },
        { "product.regulation", "" },
        { "product.risk_class", "" },
        { "product.risk_class", "ivdr-class-for-mdr-product" },
        { "product.risk_class", "mdr-class-for-ivdr-product" },
        { "product.ce_marking_status", "" },
        { "product.basic_udi_di", "has spaces and ✓" },
        { "product.emdn_code", "12345" },
        { "product.programme_area_codes", "" },
        { "product.programme_area_codes", "repeated" },
        { "product.programme_area_codes[0]", "no-such-area" },
        { "product.source", "" },
        { "product.source_detail", "99" },
        { "product.source_detail", "company-without-name" },
        { "product.expected_market_date", "2027-02-30" },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task A_bad_field_is_refused_with_its_one_field_violation_and_nothing_is_written(string field, string value)
    {
        var request = Products.Registration();
        Spoil(request, field, value);
        var before = await Counts();

        var refused = await Assert.ThrowsAsync<RpcException>(() => _cases.RegisterProductAsync(request, TestTokens.As(Roles.PreparationGroup)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(field, Assert.Single(refused.FieldViolations()).Field);
        Assert.Equal(before, await Counts());
    }

    [Fact]
    public async Task A_missing_product_is_one_violation()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => _cases.RegisterProductAsync(
            new RegisterProductRequest { RequestId = Guid.NewGuid().ToString() }, TestTokens.As(Roles.PreparationGroup)).ResponseAsync);
        Assert.Equal("product", Assert.Single(refused.FieldViolations()).Field);
    }

    private async Task<(int Cases, int Events)> Counts()
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CasesDbContext>>().CreateDbContextAsync();
        return (await db.Cases.CountAsync(), await db.Outbox.CountAsync());
    }

    private static void Spoil(RegisterProductRequest request, string field, string value)
    {
        var product = request.Product;
        switch (field)
        {
            case "request_id": request.RequestId = value; break;
            case "product.display_name" when value == "too-long": product.DisplayName = new string('x', 201); break;
            case "product.display_name": product.DisplayName = value; break;
            case "product.manufacturer": product.Manufacturer = value; break;
            case "product.description": product.Description = value; break;
            case "product.regulation": product.Regulation = Regulation.Unspecified; break;
            case "product.risk_class" when value.Length == 0: product.RiskClass = RiskClass.Unspecified; break;
            case "product.risk_class" when value == "mdr-class-for-ivdr-product": product.Regulation = Regulation.Ivdr; break;
            case "product.risk_class": product.RiskClass = RiskClass.IvdrB; break;
            case "product.ce_marking_status": product.CeMarkingStatus = CeMarkingStatus.Unspecified; break;
            case "product.basic_udi_di": product.BasicUdiDi = value; break;
            case "product.emdn_code": product.EmdnCode = value; break;
            case "product.programme_area_codes" when value == "repeated": product.ProgrammeAreaCodes.Add(product.ProgrammeAreaCodes[0]); break;
            case "product.programme_area_codes": product.ProgrammeAreaCodes.Clear(); break;
            case "product.programme_area_codes[0]": product.ProgrammeAreaCodes[0] = value; break;
            case "product.source": product.Source = ProductSource.Unspecified; break;
            case "product.source_detail" when value == "company-without-name": (product.Source, product.SourceDetail) = (ProductSource.Company, ""); break;
            case "product.source_detail": product.SourceDetail = value; break;
            case "product.expected_market_date": product.ExpectedMarketDate = new Common.V1.Date { Year = 2027, Month = 2, Day = 30 }; break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, "no way to spoil it");
        }
    }
}
