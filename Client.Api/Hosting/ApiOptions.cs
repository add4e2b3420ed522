namespace DataSharing.Api.Hosting;

/// <summary>Configuration section "Api".</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest request body accepted; a catalog entry or a request is a few kilobytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Largest spreadsheet a catalog import accepts: a thousand rows of prose is well under it.</summary>
    public long MaxImportBytes { get; set; } = 4 * 1024 * 1024;
}
