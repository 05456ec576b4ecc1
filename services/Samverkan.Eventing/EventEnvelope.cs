using System.Text.Json;
using System.Text.Json.Nodes;

namespace Samverkan.Eventing;

/// <summary>
/// One event as it travels: a CloudEvent 1.0 whose <c>type</c> (and topic) is the full name of a
/// <c>samverkan.events.v1</c> message and whose <c>data</c> is that message in protobuf JSON.
/// The <see cref="Id"/> is chosen once, when the event is stored in the outbox, so it is stable across retries.
/// </summary>
public sealed record EventEnvelope(string Id, string Type, string Source, DateTimeOffset Time, string? TraceParent, string DataJson)
{
    public const string SpecVersion = "1.0";
    public const string ContentType = "application/cloudevents+json";

    /// <summary>The structured-mode CloudEvent JSON.</summary>
    public string ToCloudEventJson()
    {
        var cloudEvent = new JsonObject
        {
            ["specversion"] = SpecVersion,
            ["id"] = Id,
            ["source"] = Source,
            ["type"] = Type,
            ["time"] = Time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["datacontenttype"] = "application/json",
            ["data"] = JsonNode.Parse(DataJson),
        };
        if (TraceParent is not null)
        {
            cloudEvent["traceparent"] = TraceParent;
        }

        return cloudEvent.ToJsonString();
    }

    /// <summary>Reads a structured-mode CloudEvent; null when it lacks what a Samverkan event must have.</summary>
    public static EventEnvelope? FromCloudEventJson(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }

        if (node is not JsonObject cloudEvent
            || cloudEvent["id"]?.GetValue<string>() is not { Length: > 0 } id
            || cloudEvent["type"]?.GetValue<string>() is not { Length: > 0 } type
            || cloudEvent["data"] is not JsonObject data)
        {
            return null;
        }

        var time = cloudEvent["time"]?.GetValue<string>() is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var parsed)
            ? parsed
            : DateTimeOffset.MinValue;
        return new EventEnvelope(id, type, cloudEvent["source"]?.GetValue<string>() ?? string.Empty, time,
            cloudEvent["traceparent"]?.GetValue<string>(), data.ToJsonString());
    }
}
