using System.Text.Json;
using Microsoft.AspNetCore.Routing;

namespace DataSharing.Tests.Barrage;

/// <summary>One operation the API serves: a method on a path template, its parameters and the schema of its body.</summary>
public sealed record Operation(string Method, string Path, IReadOnlyList<Parameter> Parameters, JsonElement? Body, bool Documented)
{
    public override string ToString() => $"{Method} {Path}";

    public IEnumerable<Parameter> InPath => Parameters.Where(p => p.In == "path");

    public IEnumerable<Parameter> InQuery => Parameters.Where(p => p.In == "query");

    public bool IsSafe => Method is "GET" or "HEAD";
}

/// <summary>A path or query parameter; <see cref="Schema"/> is resolved (no $ref left at its top).</summary>
public sealed record Parameter(string Name, string In, JsonElement Schema, bool CatchAll = false);

/// <summary>
/// The API as the barrage sees it: every operation of the running API's OpenAPI document, so a new endpoint is
/// covered the day it is mapped, plus the routes the document leaves out on purpose (the dashboard), found in the
/// endpoint table, so leaving a route out of the document never leaves it out of the barrage.
/// </summary>
public sealed class ApiSurface
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private readonly JsonElement _schemas;

    private ApiSurface(JsonElement schemas, IReadOnlyList<Operation> operations)
    {
        _schemas = schemas;
        Operations = operations;
    }

    public IReadOnlyList<Operation> Operations { get; }

    public static ApiSurface From(JsonDocument openApi, EndpointDataSource endpoints)
    {
        var root = openApi.RootElement;
        var schemas = root.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var s) ? s : default;
        var operations = new List<Operation>();
        var surface = new ApiSurface(schemas, operations);

        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in Methods)
            {
                if (!path.Value.TryGetProperty(method, out var operation))
                {
                    continue;
                }

                var parameters = new List<Parameter>();
                foreach (var p in operation.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray() : default)
                {
                    var schema = p.TryGetProperty("schema", out var sc) ? surface.Resolve(sc) : default;
                    parameters.Add(new Parameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!, schema));
                }

                JsonElement? body = operation.TryGetProperty("requestBody", out var rb)
                    && rb.GetProperty("content").EnumerateObject().FirstOrDefault().Value is { ValueKind: JsonValueKind.Object } content
                    && content.TryGetProperty("schema", out var bodySchema)
                        ? surface.Resolve(bodySchema)
                        : null;
                operations.Add(new Operation(method.ToUpperInvariant(), path.Name, parameters, body, Documented: true));
            }
        }

        // The routes the document leaves out; their parameters are only known by name (and taken for strings).
        var documented = operations.Select(o => $"{o.Method} {Normalize(o.Path)}").ToHashSet();
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            var template = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var path = System.Text.RegularExpressions.Regex.Replace(template, @"\{\*{1,2}([^}:]+)[^}]*\}", "{$1}");
            path = System.Text.RegularExpressions.Regex.Replace(path, @"\{([^}:]+):[^}]*\}", "{$1}");
            foreach (var method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                if (documented.Add($"{method} {Normalize(path)}"))
                {
                    var parameters = endpoint.RoutePattern.Parameters
                        .Select(p => new Parameter(p.Name, "path", JsonDocument.Parse("""{"type":"string"}""").RootElement, p.IsCatchAll))
                        .ToList();
                    operations.Add(new Operation(method, path.TrimEnd('/') is "" ? "/" : path.TrimEnd('/'), parameters, null, Documented: false));
                }
            }
        }

        return surface;
    }

    /// <summary>A schema with its $ref followed (once per level; nested ones are followed as they are reached).</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; hops < 10 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference); hops++)
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = _schemas.GetProperty(name);
        }

        return schema;
    }

    /// <summary>"/api/reviews/" and "/api/reviews" are one path to the router.</summary>
    private static string Normalize(string path) => System.Text.RegularExpressions.Regex.Replace(path.TrimEnd('/'), @"\{[^}]*\}", "{}");
}
