using Samverkan.Eventing;
using Samverkan.Eventing.Outbox;
using Samverkan.Events.V1;

namespace Samverkan.Platform.Tests.Eventing;

public sealed class EventEnvelopeTests
{
    [Fact]
    public void A_CloudEvent_reads_back_as_the_envelope_it_was_written_from()
    {
        var occurred = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var message = OutboxMessage.Create(new CaseOpened { CaseId = "c-1", ProgrammeAreaCodes = { "cancer" } }, "samverkan/cases", occurred);
        var envelope = message.ToEnvelope() with { TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" };

        var read = EventEnvelope.FromCloudEventJson(envelope.ToCloudEventJson());

        Assert.NotNull(read);
        Assert.Equal(envelope with { DataJson = read.DataJson }, read);
        Assert.Equal(CaseOpened.Parser.ParseJson(envelope.DataJson), CaseOpened.Parser.ParseJson(read.DataJson));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"type\":\"samverkan.events.v1.CaseOpened\",\"data\":{}}")]
    [InlineData("{\"id\":\"1\",\"data\":{}}")]
    [InlineData("{\"id\":\"1\",\"type\":\"samverkan.events.v1.CaseOpened\",\"data\":\"text\"}")]
    public void A_CloudEvent_without_id_type_or_object_data_is_rejected(string json) =>
        Assert.Null(EventEnvelope.FromCloudEventJson(json));
}
