using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConsentKit.Http;

/// <summary>Source-generated JSON for the endpoint: no reflection, trimming-safe.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DecisionRequest))]
[JsonSerializable(typeof(ConsentStateResponse))]
internal sealed partial class ConsentKitJsonContext : JsonSerializerContext;
