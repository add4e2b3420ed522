namespace DataSharing.Common;

/// <summary>Input that breaks a rule; <see cref="Field"/> is the JSON path of the value at fault (RFC 7807 400).</summary>
[GenerateSerializer, Alias("ValidationFailedException")]
public sealed class ValidationFailedException : DomainException
{
    public ValidationFailedException() { }

    public ValidationFailedException(string field, string detail, string? article = null) : base(detail)
    {
        Field = field;
        Article = article;
    }

    [Id(0)] public string Field { get; set; } = "";

    /// <summary>The article of the Measures the rule comes from, when there is one (e.g. "Art 22").</summary>
    [Id(1)] public string? Article { get; set; }
}
