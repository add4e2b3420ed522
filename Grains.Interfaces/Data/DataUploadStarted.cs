namespace DataSharing.Data;

/// <summary>An upload just begun, and the data items its rows carry, in the order their values are sent.</summary>
[GenerateSerializer, Immutable, Alias("DataUploadStarted")]
public sealed record DataUploadStarted(
    [property: Id(0)] DataUploadView Upload,
    [property: Id(1)] IReadOnlyList<string> Columns);
