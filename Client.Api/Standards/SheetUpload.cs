using DataSharing.Api.Problems;
using DataSharing.Common;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace DataSharing.Api.Standards;

/// <summary>
/// The sheet a client uploads: the raw body (<c>text/csv</c> or the xlsx media type), or the first file of a
/// <c>multipart/form-data</c> body (its kind from its own content type or its name), read into memory up to a bound.
/// </summary>
public static class SheetUpload
{
    public static async Task<(MemoryStream File, bool Xlsx)> Read(HttpRequest request, long maxBytes)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        if (string.Equals(mediaType, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var file = await FileOf(request, maxBytes);
            var xlsx = Kind(file.ContentType, file.FileName)
                ?? throw new ValidationFailedException("file", "The file is a .csv (text/csv) or an .xlsx workbook.");
            await using var stream = file.OpenReadStream();
            return (await Copy(stream, maxBytes, request.HttpContext.RequestAborted), xlsx);
        }

        var kind = Kind(mediaType, null)
            ?? throw new BadHttpRequestException($"Send the sheet as {SheetReader.CsvMediaType}, {SheetReader.XlsxMediaType} or multipart/form-data.",
                StatusCodes.Status415UnsupportedMediaType);
        return (await Copy(request.Body, maxBytes, request.HttpContext.RequestAborted), kind);
    }

    /// <summary>True for xlsx, false for CSV, null for anything else.</summary>
    private static bool? Kind(string? mediaType, string? fileName) =>
        string.Equals(mediaType, SheetReader.XlsxMediaType, StringComparison.OrdinalIgnoreCase) ? true
        : mediaType is not null && (mediaType.Equals(SheetReader.CsvMediaType, StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/csv", StringComparison.OrdinalIgnoreCase)) ? false
        : fileName?.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) == true ? true
        : fileName?.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) == true ? false
        : null;

    private static async Task<IFormFile> FileOf(HttpRequest request, long maxBytes)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = maxBytes, ValueCountLimit = 20 }, request.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && e is not BadHttpRequestException)
        {
            // A multipart body that does not parse (no boundary, a truncated part, a part over the limit) is the client's.
            throw new ValidationFailedException("body", "The multipart/form-data body does not parse; send the sheet as its part \"file\".");
        }

        return form.Files.GetFile("file") ?? form.Files.FirstOrDefault()
            ?? throw new ValidationFailedException("file", "The multipart/form-data body has no file; send the sheet as its part \"file\".");
    }

    /// <summary>The stream into memory, refused past <paramref name="maxBytes"/> whatever the body declared.</summary>
    private static async Task<MemoryStream> Copy(Stream source, long maxBytes, CancellationToken cancellation)
    {
        var file = new MemoryStream();
        var buffer = new byte[81920];
        for (int read; (read = await source.ReadAsync(buffer, cancellation)) > 0;)
        {
            if (file.Length + read > maxBytes)
            {
                throw new TooLargeException("body", $"The sheet is larger than {maxBytes} bytes; split it.");
            }

            file.Write(buffer, 0, read);
        }

        file.Position = 0;
        return file;
    }
}
