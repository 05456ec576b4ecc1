using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Samverkan.Cases.Domain;
using Samverkan.Cases.Grains;

namespace Samverkan.Cases.Tests;

/// <summary>
/// Grain state is stored in Orleans' binary format. Fixtures/product-state-v1.bin is a product's state as the first
/// version of the service wrote it (registration only); the current types must still read it.
/// </summary>
public sealed class ProductStateCompatibilityTests
{
    [Fact]
    public void State_written_in_the_first_shape_reads_into_the_current_one()
    {
        using var services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(ProductState).Assembly)).BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();

        var state = serializer.Deserialize<ProductState>(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "product-state-v1.bin")));
        Assert.NotNull(state);

        Assert.Equal(1, state.Version);
        Assert.Equal(CaseStatus.Registered, state.Status);
        Assert.NotNull(state.Product);
        Assert.Equal("Insulinpump Omnia", state.Product.DisplayName);
        Assert.Equal(RiskClass.MdrIIb, state.Product.RiskClass);
        Assert.Equal(new DateOnly(2027, 3, 1), state.Product.ExpectedMarketDate);
        var entry = Assert.Single(state.Timeline);
        Assert.Equal(("anna.berg", "Region Halland", "registered"), (entry.Actor.Subject, entry.Actor.Organisation, entry.What));
        Assert.Empty(entry.Details);
        Assert.Empty(state.Assessments);
        Assert.Null(state.Recommendation);
        Assert.Empty(state.PendingTimers);
    }
}
