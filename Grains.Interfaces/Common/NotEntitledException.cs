namespace DataSharing.Common;

/// <summary>The actor may not do this to this case, e.g. a department answering a request addressed to another (403).</summary>
[GenerateSerializer, Alias("NotEntitledException")]
public sealed class NotEntitledException : DomainException
{
    public NotEntitledException() { }

    public NotEntitledException(string detail) : base(detail) { }
}
