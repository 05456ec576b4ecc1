using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Samverkan.Common.V1;
using Samverkan.Platform.Tests.Eventing;

namespace Samverkan.Platform.Tests.Audit;

public sealed class AuditTrailTests : DatabaseTest
{
    private static readonly AuditInfo Secretary = new()
    {
        Actor = new Actor { Subject = "anna.sekreterare", Organisation = "MTP-rådet", RegionCode = "13" },
        Time = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 4, 9, 30, 0, TimeSpan.Zero)),
        Reason = "Agenda för mötet i mars.",
    };

    [Fact]
    public async Task An_audit_entry_commits_with_the_change_and_reads_back_as_the_contract_record()
    {
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            db.Notes.Add(new Note { Text = "agenda" });
            db.Audit(Secretary, "meetings/1", "meeting.agenda-published", "3 items");
            await db.SaveChangesAsync();
        }

        await using var read = await Contexts.CreateDbContextAsync();
        var record = Assert.Single(await read.AuditTrail.ToListAsync()).ToProto();
        Assert.Equal(new AuditRecord { Resource = "meetings/1", Action = "meeting.agenda-published", Audit = Secretary, Details = "3 items" }, record);
    }

    [Fact]
    public async Task An_audit_entry_of_a_change_that_is_not_saved_is_not_written()
    {
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            db.Audit(Secretary, "meetings/1", "meeting.planned");
        }

        await using var read = await Contexts.CreateDbContextAsync();
        Assert.Empty(await read.AuditTrail.ToListAsync());
    }
}
