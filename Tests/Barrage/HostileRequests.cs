using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DataSharing.Tests.Barrage;

/// <summary>
/// One request of the barrage. <see cref="Authorization"/> replaces the caller's token (forged tokens);
/// <see cref="Body"/> is sent as is, with <see cref="ContentType"/> (none when null).
/// </summary>
public sealed record HostileRequest(
    Operation Operation,
    string Class,
    string Method,
    string Url,
    byte[]? Body,
    string? ContentType,
    string What,
    string? Authorization = null,
    IReadOnlyDictionary<string, string>? Headers = null)
{
    public override string ToString() => $"[{Class}] {Method} {(Url.Length > 160 ? Url[..160] + "..." : Url)} ({What})";
}

/// <summary>
/// The classes of hostile input of issue 10, each made for one operation from its schema: the plausible request is
/// bent in one place (a member, a parameter, the body's framing, the method, the token), so each request tests one
/// thing. Choices among members and values come from the seeded <see cref="Random"/>.
/// </summary>
public sealed class HostileRequests(SchemaValues values, Random random, Func<Operation, Parameter, string> plausiblePath)
{
    public const string Malformed = "malformed-json";
    public const string Truncated = "truncated-json";
    public const string DuplicateKey = "duplicate-keys";
    public const string Bom = "bom-prefixed";
    public const string Deep = "deeply-nested";
    public const string WrongTypes = "wrong-types";
    public const string Nulls = "nulls";
    public const string EmptyIds = "empty-and-blank-ids";
    public const string ControlCharacters = "control-characters";
    public const string Extremes = "extreme-dates-and-numbers";
    public const string Huge = "huge-bodies-and-lists";
    public const string ContentTypes = "wrong-content-types";
    public const string WrongMethods = "wrong-methods";
    public const string Forged = "forged-tokens";

    public static readonly string[] Classes =
        [Malformed, Truncated, DuplicateKey, Bom, Deep, WrongTypes, Nulls, EmptyIds, ControlCharacters, Extremes, Huge, ContentTypes, WrongMethods, Forged];

    private const string Json = "application/json";

    // Placeholders for JSON text no JsonNode can hold: a lone surrogate escape and a number beyond double.
    private const string LoneSurrogate = "\"__lone_surrogate__\"";
    private const string Overflow = "\"__overflow__\"";

    private static readonly string[] BlankTexts = ["", " ", "\u2028\u2029", "\t", "\u00a0"];
    private static readonly string[] ControlTexts = ["\u0000", "a\u0000b", "esc\u001b[31mred", "\u202Eevil", "line\r\nbreak", "bell\u0007", "\u2066isolate", LoneSurrogate];
    private static readonly string[] BlankPathValues = ["%20", "%09", "%E2%80%A8%E2%80%A9", "%C2%A0"];
    private static readonly string[] ControlPathValues = ["%00", "a%00b", "%1B%5B31m", "%0D%0A", "%E2%80%AE", "%C0%AF", "..%2F..%2Fetc", "%FF%FE"];
    private static readonly string[] ExtremeDates = ["0001-01-01", "9999-12-31", "2026-02-30", "1999-12-31", "2101-01-01", "+275760-09-13"];
    private static readonly string[] ExtremeNumbers = ["2147483648", "-2147483649", "-1", "0", "9223372036854775808", "1.5", "-0", "1e400"];

    public IEnumerable<HostileRequest> For(Operation operation, string kind) => kind switch
    {
        Malformed => BodyFraming(operation, kind, MalformedBodies()),
        Truncated => BodyFraming(operation, kind, Truncations(operation)),
        DuplicateKey => BodyFraming(operation, kind, DuplicateKeys(operation)),
        Bom => BodyFraming(operation, kind, BomPrefixed(operation)),
        Deep => BodyFraming(operation, kind, DeeplyNested(operation)),
        WrongTypes => WrongTyped(operation),
        Nulls => Nulled(operation),
        EmptyIds => Texts(operation, kind, BlankTexts, BlankPathValues, ["", "%20"]),
        ControlCharacters => Texts(operation, kind, ControlTexts, ControlPathValues, ["%00", "%1B%5B2J", "%E2%80%AE", "%0D%0ASet-Cookie:%20x=1"]).Concat(HostileHeaders(operation)),
        Extremes => ExtremeValues(operation),
        Huge => HugeValues(operation),
        ContentTypes => WrongContentTypes(operation),
        WrongMethods => [],
        Forged => [],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The methods the path does not serve (405, never 5xx).</summary>
    public IEnumerable<HostileRequest> WrongMethodsFor(Operation operation, IReadOnlySet<string> served) =>
        new[] { "GET", "POST", "PUT", "DELETE", "PATCH" }.Where(m => !served.Contains(m))
            .Select(m => new HostileRequest(operation, WrongMethods, m, Url(operation), m is "GET" or "DELETE" ? null : "{}"u8.ToArray(), m is "GET" or "DELETE" ? null : Json, $"{m} instead of {string.Join("/", served)}"));

    public IEnumerable<HostileRequest> ForgedFor(Operation operation, IReadOnlyList<(string What, string Header)> tokens) =>
        tokens.Select(t => Plain(operation, Forged, t.What) with { Authorization = t.Header });

    /// <summary>The operation as a well-formed request: plausible path values, no query, the plausible body.</summary>
    public HostileRequest Plain(Operation operation, string kind, string what) =>
        new(operation, kind, operation.Method, Url(operation), PlausibleBody(operation), operation.Body is null ? null : Json, what);

    public string Url(Operation operation, IReadOnlyDictionary<string, string>? path = null, string? query = null)
    {
        var url = operation.Path;
        foreach (var parameter in operation.InPath)
        {
            url = url.Replace($"{{{parameter.Name}}}", path?.GetValueOrDefault(parameter.Name) ?? plausiblePath(operation, parameter), StringComparison.Ordinal);
        }

        return query is null ? url : $"{url}?{query}";
    }

    private byte[]? PlausibleBody(Operation operation) =>
        operation.Body is { } schema ? Encoding.UTF8.GetBytes(Serialize(values.Plausible(schema))) : null;

    private IEnumerable<HostileRequest> BodyFraming(Operation operation, string kind, IEnumerable<(string What, byte[] Body)> bodies) =>
        operation.Body is null
            ? []
            : bodies.Select(b => new HostileRequest(operation, kind, operation.Method, Url(operation), b.Body, Json, b.What));

    private static IEnumerable<(string, byte[])> MalformedBodies()
    {
        foreach (var text in new[] { "{", "{\"a\":", "}{", "[1,2", "nul", "{'a':1}", "{\"a\":1,}", "\"\\u\"", "{\"a\" 1}", "{\"a\":01}", "NaN" })
        {
            yield return (text, Encoding.UTF8.GetBytes(text));
        }

        yield return ("invalid UTF-8", [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D]);
        yield return ("binary", [0x00, 0x01, 0xFF, 0xFE, 0x7B]);
        yield return ("empty body", []);
    }

    private IEnumerable<(string, byte[])> Truncations(Operation operation)
    {
        var body = PlausibleBody(operation)!;
        for (var i = 0; i < 3 && body.Length > 2; i++)
        {
            var at = random.Next(1, body.Length - 1);
            yield return ($"cut at byte {at} of {body.Length}", body[..at]);
        }
    }

    private IEnumerable<(string, byte[])> DuplicateKeys(Operation operation)
    {
        var plausible = Serialize(values.Plausible(operation.Body!.Value));
        yield return ("{\"a\":1,\"a\":2}", "{\"a\":1,\"a\":2}"u8.ToArray());
        if (values.Plausible(operation.Body.Value) is JsonObject { Count: > 0 } members)
        {
            var (name, value) = members.ElementAt(random.Next(members.Count));
            var again = Serialize(value);
            yield return ($"'{name}' twice, same value", Encoding.UTF8.GetBytes(plausible[..^1] + $",\"{name}\":{again}}}"));
            yield return ($"'{name}' twice, the second null", Encoding.UTF8.GetBytes(plausible[..^1] + $",\"{name}\":null}}"));
        }
    }

    private IEnumerable<(string, byte[])> BomPrefixed(Operation operation)
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        yield return ("BOM + plausible body", [.. bom, .. PlausibleBody(operation)!]);
        yield return ("BOM + {}", [.. bom, .. "{}"u8.ToArray()]);
        yield return ("two BOMs + {}", [.. bom, .. bom, .. "{}"u8.ToArray()]);
        yield return ("UTF-16 BOM + {}", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("{}")]);
    }

    private IEnumerable<(string, byte[])> DeeplyNested(Operation operation)
    {
        yield return ("10000 nested arrays", Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000)));
        yield return ("1000 nested objects", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000)));
        if (Pick(values.Leaves(operation.Body!.Value).ToList()) is { Path: not null } leaf)
        {
            var nested = string.Concat(Enumerable.Repeat("{\"x\":[", 200)) + "1" + string.Concat(Enumerable.Repeat("]}", 200));
            var body = Serialize(leaf.Path.With(values.Plausible(operation.Body.Value), JsonValue.Create("__nested__")))
                .Replace("\"__nested__\"", nested, StringComparison.Ordinal);
            yield return ($"200 levels inside {leaf.Path}", Encoding.UTF8.GetBytes(body));
        }
    }

    private IEnumerable<HostileRequest> WrongTyped(Operation operation)
    {
        if (operation.Body is { } schema)
        {
            yield return WithBody(operation, WrongTypes, "a JSON array", "[]");
            yield return WithBody(operation, WrongTypes, "a JSON string", "\"barrage\"");
            yield return WithBody(operation, WrongTypes, "a JSON number", "42");
            foreach (var (path, leaf) in Sample(values.Leaves(schema), 12).SelectMany(l => new[] { l, l }))
            {
                var wrong = values.KindOf(leaf) switch
                {
                    ValueKind.Text or ValueKind.Enum or ValueKind.Date => Pick<JsonNode>([JsonValue.Create(12345), JsonValue.Create(true), new JsonObject(), new JsonArray()]),
                    ValueKind.Integer or ValueKind.Number => Pick<JsonNode>([JsonValue.Create("seven"), JsonValue.Create(true), new JsonObject(), JsonValue.Create(1.5)]),
                    ValueKind.Boolean => Pick<JsonNode>([JsonValue.Create("yes"), JsonValue.Create(2), new JsonArray()]),
                    ValueKind.Array => Pick<JsonNode>([JsonValue.Create("list"), new JsonObject(), JsonValue.Create(5)]),
                    _ => Pick<JsonNode>([JsonValue.Create("object"), new JsonArray(), JsonValue.Create(false)]),
                };
                yield return WithBody(operation, WrongTypes, $"{path} = {wrong?.ToJsonString()}", Serialize(path.With(values.Plausible(schema), wrong)));
            }
        }

        foreach (var parameter in operation.Parameters.Where(p => values.KindOf(p.Schema) is not ValueKind.Text))
        {
            var wrong = Pick(["abc", "true", "1.5", "[]", "{}"])!;
            yield return parameter.In == "path"
                ? new HostileRequest(operation, WrongTypes, operation.Method, Url(operation, new Dictionary<string, string> { [parameter.Name] = Uri.EscapeDataString(wrong) }), PlausibleBody(operation), BodyType(operation), $"{parameter.Name} = {wrong}")
                : WithQuery(operation, WrongTypes, $"{parameter.Name}={Uri.EscapeDataString(wrong)}", $"{parameter.Name} = {wrong}");
        }
    }

    private IEnumerable<HostileRequest> Nulled(Operation operation)
    {
        if (operation.Body is { } schema)
        {
            yield return WithBody(operation, Nulls, "the body is null", "null");
            yield return WithBody(operation, Nulls, "{}", "{}");
            foreach (var (path, leaf) in Sample(values.Leaves(schema), 10))
            {
                yield return WithBody(operation, Nulls, $"{path} = null", Serialize(path.With(values.Plausible(schema), null)));
                if (values.KindOf(leaf) == ValueKind.Array)
                {
                    yield return WithBody(operation, Nulls, $"{path} = [null]", Serialize(path.With(values.Plausible(schema), new JsonArray((JsonNode?)null))));
                }
            }
        }

        foreach (var parameter in operation.InQuery)
        {
            yield return WithQuery(operation, Nulls, parameter.Name, $"{parameter.Name} without a value");
            yield return WithQuery(operation, Nulls, $"{parameter.Name}=null", $"{parameter.Name} = null");
        }
    }

    /// <summary>Blank or hostile text in every kind of place: body members, path ids, query values.</summary>
    private IEnumerable<HostileRequest> Texts(Operation operation, string kind, string[] bodyTexts, string[] pathValues, string[] queryValues)
    {
        if (operation.Body is { } schema)
        {
            var texts = values.Leaves(schema).Where(l => values.KindOf(l.Schema) is ValueKind.Text or ValueKind.Date or ValueKind.Enum).ToList();
            foreach (var (path, _) in Sample(texts, 10).SelectMany(l => new[] { l, l }))
            {
                var text = Pick(bodyTexts);
                var json = Serialize(path.With(values.Plausible(schema), text == LoneSurrogate ? JsonValue.Create("__lone_surrogate__") : JsonValue.Create(text)))
                    .Replace(LoneSurrogate, "\"a\\ud800b\"", StringComparison.Ordinal);
                yield return WithBody(operation, kind, $"{path} = {JsonSerializer.Serialize(text)}", json);
            }
        }

        foreach (var parameter in operation.InPath)
        {
            foreach (var value in pathValues)
            {
                yield return new HostileRequest(operation, kind, operation.Method, Url(operation, new Dictionary<string, string> { [parameter.Name] = value }),
                    PlausibleBody(operation), BodyType(operation), $"path {parameter.Name} = {value}");
            }
        }

        foreach (var parameter in Sample(operation.InQuery, 3))
        {
            var value = Pick(queryValues);
            yield return WithQuery(operation, kind, $"{parameter.Name}={value}", $"query {parameter.Name} = {value}");
        }
    }

    /// <summary>An Idempotency-Key no one should be able to bind: overlong, or of characters outside printable ASCII.</summary>
    private IEnumerable<HostileRequest> HostileHeaders(Operation operation)
    {
        if (operation is { Method: "POST", Body: not null })
        {
            yield return Plain(operation, ControlCharacters, "a 1000-character Idempotency-Key") with
            {
                Headers = new Dictionary<string, string> { ["Idempotency-Key"] = new string('k', 1000) },
            };
            yield return Plain(operation, ControlCharacters, "an Idempotency-Key with a control character") with
            {
                Headers = new Dictionary<string, string> { ["Idempotency-Key"] = "key\u0001\u007f" },
            };
        }
    }

    private IEnumerable<HostileRequest> ExtremeValues(Operation operation)
    {
        if (operation.Body is { } schema)
        {
            var leaves = values.Leaves(schema).ToList();
            var dated = leaves.Where(l => values.KindOf(l.Schema) == ValueKind.Date).ToList();
            var numeric = leaves.Where(l => values.KindOf(l.Schema) is ValueKind.Integer or ValueKind.Number).ToList();
            foreach (var (path, _) in dated)
            {
                var date = Pick(ExtremeDates);
                yield return WithBody(operation, Extremes, $"{path} = {date}", Serialize(path.With(values.Plausible(schema), JsonValue.Create(date))));
            }

            foreach (var (path, _) in numeric)
            {
                var number = Pick(ExtremeNumbers);
                yield return WithBody(operation, Extremes, $"{path} = {number}",
                    Serialize(path.With(values.Plausible(schema), JsonValue.Create("__overflow__"))).Replace(Overflow, number, StringComparison.Ordinal));
            }

            if (dated.Count + numeric.Count == 0 && Pick(leaves) is { Path: not null } any)
            {
                yield return WithBody(operation, Extremes, $"{any.Path} = 1e99999",
                    Serialize(any.Path.With(values.Plausible(schema), JsonValue.Create("__overflow__"))).Replace(Overflow, "1e99999", StringComparison.Ordinal));
            }
        }

        foreach (var parameter in operation.Parameters)
        {
            var kind = values.KindOf(parameter.Schema);
            var value = (kind is ValueKind.Integer or ValueKind.Number ? Pick(ExtremeNumbers) : Pick(ExtremeDates))!;
            yield return parameter.In == "path"
                ? new HostileRequest(operation, Extremes, operation.Method, Url(operation, new Dictionary<string, string> { [parameter.Name] = Uri.EscapeDataString(value) }), PlausibleBody(operation), BodyType(operation), $"path {parameter.Name} = {value}")
                : WithQuery(operation, Extremes, $"{parameter.Name}={Uri.EscapeDataString(value)}", $"query {parameter.Name} = {value}");
        }
    }

    private IEnumerable<HostileRequest> HugeValues(Operation operation)
    {
        if (operation.Body is { } schema)
        {
            var leaves = values.Leaves(schema).ToList();
            if (Pick(leaves.Where(l => values.KindOf(l.Schema) == ValueKind.Text).ToList()) is { Path: not null } text)
            {
                yield return WithBody(operation, Huge, $"{text.Path} of 100,000 characters", Serialize(text.Path.With(values.Plausible(schema), JsonValue.Create(new string('x', 100_000)))));
                yield return WithBody(operation, Huge, $"{text.Path} of 300,000 characters (over the size limit)", Serialize(text.Path.With(values.Plausible(schema), JsonValue.Create(new string('x', 300_000)))));
            }

            foreach (var (path, leaf) in Sample(leaves.Where(l => values.KindOf(l.Schema) == ValueKind.Array).ToList(), 2))
            {
                var item = values.Plausible(leaf.GetProperty("items"));
                var count = item is JsonObject ? 2_000 : 20_000;
                var many = new JsonArray(Enumerable.Range(0, count).Select(i => item is JsonObject ? item.DeepClone() : (JsonNode)JsonValue.Create($"i{i}")).ToArray());
                yield return WithBody(operation, Huge, $"{path} with {count} entries", Serialize(path.With(values.Plausible(schema), many)));
            }

            var wide = new JsonObject();
            for (var i = 0; i < 10_000; i++)
            {
                wide[$"m{i}"] = i;
            }

            yield return WithBody(operation, Huge, "10,000 unknown members", Serialize(wide));
        }

        foreach (var parameter in operation.InPath)
        {
            yield return new HostileRequest(operation, Huge, operation.Method, Url(operation, new Dictionary<string, string> { [parameter.Name] = new string('a', 5_000) }),
                PlausibleBody(operation), BodyType(operation), $"path {parameter.Name} of 5,000 characters");
        }

        yield return WithQuery(operation, Huge, string.Join('&', Enumerable.Range(0, 500).Select(i => $"p{i}={i}")), "500 query parameters");
        if (operation.InQuery.FirstOrDefault() is { } query)
        {
            yield return WithQuery(operation, Huge, $"{query.Name}={new string('q', 10_000)}", $"query {query.Name} of 10,000 characters");
        }
    }

    private IEnumerable<HostileRequest> WrongContentTypes(Operation operation)
    {
        if (operation.Body is null)
        {
            yield break;
        }

        var body = PlausibleBody(operation);
        foreach (var type in new string?[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null, "application/json; charset=latin1", "application/json-patch+json", "*/*" })
        {
            yield return new HostileRequest(operation, ContentTypes, operation.Method, Url(operation), body, type, $"Content-Type {type ?? "(none)"}");
        }

        yield return new HostileRequest(operation, ContentTypes, operation.Method, Url(operation), "<x/>"u8.ToArray(), "application/xml", "an XML body");
    }

    private HostileRequest WithBody(Operation operation, string kind, string what, string json) =>
        new(operation, kind, operation.Method, Url(operation), Encoding.UTF8.GetBytes(json), Json, what);

    private HostileRequest WithQuery(Operation operation, string kind, string query, string what) =>
        new(operation, kind, operation.Method, Url(operation, query: query), PlausibleBody(operation), BodyType(operation), what);

    private static string? BodyType(Operation operation) => operation.Body is null ? null : Json;

    private static string Serialize(JsonNode? node) => node?.ToJsonString() ?? "null";

    private T? Pick<T>(IReadOnlyList<T> options) => options.Count == 0 ? default : options[random.Next(options.Count)];

    private IEnumerable<T> Sample<T>(IEnumerable<T> options, int count) =>
        options.OrderBy(_ => random.Next()).Take(count).ToList();
}
