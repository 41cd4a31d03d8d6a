using System.Text.Json.Serialization;

namespace Parley.Etcd.Internal;

/// <summary>Serialization of <see cref="InstanceDocument"/>: camelCase names, absent fields left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InstanceDocument))]
internal sealed partial class InstanceJsonContext : JsonSerializerContext;
