namespace DataSharing.Common;

/// <summary>
/// Base of the exceptions a grain throws for a caller's mistake, as opposed to a fault of the platform.
/// They cross the silo/client boundary, so each carries its own detail instead of relying on Exception.Message.
/// </summary>
[GenerateSerializer, Alias("DomainException")]
public class DomainException : Exception
{
    public DomainException() { }

    public DomainException(string detail) : base(detail) => Detail = detail;

    [Id(0)] public string Detail { get; set; } = "";

    public override string Message => Detail;
}
