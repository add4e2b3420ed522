namespace DataSharing.Common;

[GenerateSerializer, Alias("NotFoundException")]
public sealed class NotFoundException : DomainException
{
    public NotFoundException() { }

    public NotFoundException(string kind, string id) : base($"{kind} '{id}' does not exist.")
    {
        Kind = kind;
        Id = id;
    }

    [Id(0)] public string Kind { get; set; } = "";
    [Id(1)] public string Id { get; set; } = "";
}
