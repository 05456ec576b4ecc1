using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Samverkan.Common.V1;
using Samverkan.Testing;
using Samverkan.Upphandling.Data;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Tests;

/// <summary>A call-off and an admission that overlap: the supplier admitted while the call-off is written is not left out.</summary>
public sealed class CallOffRaceTests
{
    [Fact]
    public async Task A_supplier_admitted_between_a_call_offs_check_and_its_write_makes_the_call_off_Aborted_with_nothing_written()
    {
        var interleave = new AdmissionBeforeTheCallOffIsWritten();
        await using var factory = UpphandlingFactory.With(services => services.AddSingleton<IInterceptor>(interleave));
        var system = await factory.PublishedSystemAsync((await factory.PublishRecommendationAsync()).RecommendationId);
        await factory.DecideAsync(await factory.ApplyAsync(system, Steps.Acme), QualificationDecision.Admitted);
        var volvo = await factory.ApplyAsync(system, Steps.Volvo);
        interleave.Admission = () => factory.DecideAsync(volvo, QualificationDecision.Admitted);
        var request = new CreateCallOffRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            System = system.Name,
            CategoryId = system.Categories[0].CategoryId,
            Title = "Sensorer till Region Skåne",
            InvitedOrganisationNumbers = { Steps.Acme },
            TenderDeadline = new Date { Year = 2027, Month = 4, Day = 30 },
        };

        // The admission in between writes; the call-off writes nothing (checked below), so RefusedAsync's row count does not fit.
        var aborted = await Assert.ThrowsAsync<RpcException>(() => factory.Client().CreateCallOffAsync(request, Steps.Coordinator).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, aborted.StatusCode);

        Assert.Null(interleave.Admission);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<UpphandlingDbContext>();
            Assert.Empty(await db.CallOffs.AsNoTracking().ToListAsync());
            Assert.Equal(2, await db.Applications.CountAsync(a => a.Decision == QualificationDecision.Admitted));
        }

        // Asked again, the check sees the new supplier: it must be invited too.
        var error = await factory.RefusedAsync(() => factory.Client().CreateCallOffAsync(request, Steps.Coordinator), StatusCode.InvalidArgument);
        Assert.Contains(Steps.Volvo, error.FieldViolations().Single().Description, StringComparison.Ordinal);
        request.InvitedOrganisationNumbers.Add(Steps.Volvo);
        var callOff = (await factory.Client().CreateCallOffAsync(request, Steps.Coordinator)).CallOff;
        Assert.Equal([Steps.Acme, Steps.Volvo], callOff.InvitedOrganisationNumbers);
    }

    /// <summary>Runs an admission, once, when a call-off is about to be written: after its check, before its commit.</summary>
    private sealed class AdmissionBeforeTheCallOffIsWritten : SaveChangesInterceptor
    {
        public Func<Task>? Admission { get; set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (Admission is { } admit && eventData.Context!.ChangeTracker.Entries<CallOffRecord>().Any(e => e.State == EntityState.Added))
            {
                Admission = null;
                await admit();
            }

            return result;
        }
    }
}
