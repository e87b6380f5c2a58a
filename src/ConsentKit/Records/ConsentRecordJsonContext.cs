using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConsentKit.Records;

/// <summary>Source-generated JSON of consent records, for exports and the outbox: no reflection, trimming-safe.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, WriteIndented = false)]
[JsonSerializable(typeof(ConsentRecord))]
[JsonSerializable(typeof(IReadOnlyList<ConsentRecord>))]
[JsonSerializable(typeof(ConsentKit.Http.ConsentEraseResponse))]
internal sealed partial class ConsentRecordJsonContext : JsonSerializerContext;
