using System.Text.Json;
using System.Text.Json.Nodes;

namespace DataSharing.Tests.Barrage;

/// <summary>What a schema says a value is, as far as hostile input cares.</summary>
public enum ValueKind
{
    Text,
    Date,
    Integer,
    Number,
    Boolean,
    Enum,
    Array,
    Object,
}

/// <summary>
/// Plausible values read off an OpenAPI schema: the starting point each hostile request bends in one place, so it
/// gets past the checks in front of the one it aims at.
/// </summary>
public sealed class SchemaValues(ApiSurface surface)
{
    public static readonly string Today = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd");
    public static readonly string NextMonth = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd");

    public ValueKind KindOf(JsonElement schema)
    {
        schema = Single(schema);
        if (schema.TryGetProperty("enum", out _))
        {
            return ValueKind.Enum;
        }

        var type = TypeOf(schema);
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return type switch
        {
            "string" when format is "date" => ValueKind.Date,
            "string" => ValueKind.Text,
            "integer" => ValueKind.Integer,
            "number" => ValueKind.Number,
            "boolean" => ValueKind.Boolean,
            "array" => ValueKind.Array,
            _ => ValueKind.Object,
        };
    }

    public JsonNode? Plausible(JsonElement schema, int depth = 0)
    {
        schema = Single(schema);
        switch (KindOf(schema))
        {
            case ValueKind.Enum:
                return JsonValue.Create(schema.GetProperty("enum").EnumerateArray().First(e => e.ValueKind == JsonValueKind.String).GetString());
            case ValueKind.Date:
                return JsonValue.Create(NextMonth);
            case ValueKind.Text:
                return JsonValue.Create("barrage");
            case ValueKind.Integer:
            case ValueKind.Number:
                return JsonValue.Create(1);
            case ValueKind.Boolean:
                return JsonValue.Create(false);
            case ValueKind.Array:
                return depth > 4 ? new JsonArray() : new JsonArray(Plausible(schema.GetProperty("items"), depth + 1));
            default:
                var result = new JsonObject();
                if (depth <= 4 && schema.TryGetProperty("properties", out var properties))
                {
                    foreach (var property in properties.EnumerateObject())
                    {
                        result[property.Name] = Plausible(property.Value, depth + 1);
                    }
                }

                return result;
        }
    }

    /// <summary>Every value inside a plausible body with the schema it has, down to array items and their members.</summary>
    public IEnumerable<(JsonPath Path, JsonElement Schema)> Leaves(JsonElement schema)
    {
        var found = new List<(JsonPath, JsonElement)>();
        Walk(Single(schema), JsonPath.Root, found, 0);
        return found;
    }

    private void Walk(JsonElement schema, JsonPath at, List<(JsonPath, JsonElement)> found, int depth)
    {
        if (depth > 4)
        {
            return;
        }

        if (at != JsonPath.Root)
        {
            found.Add((at, schema));
        }

        switch (KindOf(schema))
        {
            case ValueKind.Array:
                Walk(Single(schema.GetProperty("items")), at.Index(0), found, depth + 1);
                break;
            case ValueKind.Object when schema.TryGetProperty("properties", out var properties):
                foreach (var property in properties.EnumerateObject())
                {
                    Walk(Single(property.Value), at.Member(property.Name), found, depth + 1);
                }

                break;
        }
    }

    /// <summary>The schema behind a $ref, a nullable "oneOf", or a ["null", "type"] list.</summary>
    private JsonElement Single(JsonElement schema)
    {
        schema = surface.Resolve(schema);
        if (schema.ValueKind == JsonValueKind.Object && (schema.TryGetProperty("oneOf", out var options) || schema.TryGetProperty("anyOf", out options)))
        {
            foreach (var option in options.EnumerateArray())
            {
                var resolved = surface.Resolve(option);
                if (TypeOf(resolved) != "null")
                {
                    return resolved;
                }
            }
        }

        return schema;
    }

    private static string? TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type))
        {
            return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out _) ? "object" : null;
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null") ?? "null"
            : type.GetString();
    }
}

/// <summary>Where a value sits in a JSON body: members and array indexes from the root.</summary>
public sealed record JsonPath(IReadOnlyList<object> Steps)
{
    public static readonly JsonPath Root = new([]);

    public JsonPath Member(string name) => new([.. Steps, name]);

    public JsonPath Index(int index) => new([.. Steps, index]);

    public override string ToString() => string.Concat(Steps.Select(s => s is int i ? $"[{i}]" : $".{s}")).TrimStart('.');

    public bool Equals(JsonPath? other) => other is not null && Steps.SequenceEqual(other.Steps);

    public override int GetHashCode() => Steps.Count;

    /// <summary>Sets the value at this path in a copy of <paramref name="root"/>; false if the path is not there.</summary>
    public JsonNode? With(JsonNode? root, JsonNode? value)
    {
        var copy = root?.DeepClone();
        JsonNode? parent = copy;
        for (var i = 0; i < Steps.Count - 1; i++)
        {
            parent = Steps[i] is int index ? (parent as JsonArray)?[index] : (parent as JsonObject)?[(string)Steps[i]];
        }

        switch (Steps[^1], parent)
        {
            case (int index, JsonArray array) when index < array.Count:
                array[index] = value;
                break;
            case (string name, JsonObject obj):
                obj[name] = value;
                break;
        }

        return copy;
    }
}
