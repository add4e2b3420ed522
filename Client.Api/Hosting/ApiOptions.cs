namespace DataSharing.Api.Hosting;

/// <summary>Configuration section "Api".</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest request body accepted; a catalog entry or a request is a few kilobytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Largest data upload (Art 17) accepted in one request: 4 GiB by default; larger datasets go in increments.</summary>
    public long MaxUploadBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Largest spreadsheet a catalog import accepts: a thousand rows of prose is well under it.</summary>
    public long MaxImportBytes { get; set; } = 4 * 1024 * 1024;
}
