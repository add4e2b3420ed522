namespace DataSharing.Api.Contracts;

/// <summary>What became of one row of an imported sheet.</summary>
public enum ImportOutcome
{
    /// <summary>A new draft (in a dry run: would be).</summary>
    Created,
    /// <summary>A new version of the entry with the row's code (in a dry run: would be).</summary>
    Updated,
    /// <summary>The row says what the entry says already (or drafted it in an earlier attempt with the same Idempotency-Key): no new version.</summary>
    Unchanged,
    /// <summary>Refused; <see cref="ImportRowResult.Field"/> names the cell at fault. Nothing was written for it.</summary>
    Failed,
}

/// <param name="Line">The row number as the spreadsheet shows it (the header is row 1).</param>
/// <param name="Code">The entry's code: the row's, or the one drawn for a new draft.</param>
/// <param name="Version">The entry's version after the row.</param>
public sealed record ImportRowResult(int Line, string? Code, ImportOutcome Outcome, int? Version = null, string? Field = null, string? Detail = null);

/// <summary>The report of an import: each row's outcome, in sheet order, and their counts.</summary>
public sealed record CatalogImportReport(bool DryRun, int Created, int Updated, int Unchanged, int Failed, IReadOnlyList<ImportRowResult> Rows);
