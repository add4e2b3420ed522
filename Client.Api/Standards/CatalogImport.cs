using DataSharing.Api.Contracts;
using DataSharing.Api.Endpoints;
using DataSharing.Catalog;
using DataSharing.Common;

namespace DataSharing.Api.Standards;

/// <summary>
/// A department's spreadsheet of its own catalog entries, applied row by row through the entry grains, whose
/// validation and version checks are the API's: a row without a code drafts a new entry, a row with one edits that
/// entry (as PUT does: the row is the whole entry). Each row stands alone: a refused row is reported with the cell at
/// fault and the others are applied, as spreadsheet users expect of an import; a dry run checks every row and writes
/// nothing.
/// </summary>
public sealed class CatalogImport(IGrainFactory grains, Actor caller, string department, string? idempotencyKey, bool dryRun)
{
    /// <summary>Rows drafting new entries claim their codes in a scope of their own, keyed "{Idempotency-Key}#{row}".</summary>
    private const string Scope = "catalog-import";

    private const string ImportNote = "imported from a spreadsheet";

    private readonly HashSet<string> _codes = new(StringComparer.Ordinal);

    public async Task<CatalogImportReport> Run(IReadOnlyList<SheetRow> rows)
    {
        var results = new List<ImportRowResult>(rows.Count);
        foreach (var row in rows)
        {
            results.Add(await Apply(row));
        }

        int Count(ImportOutcome outcome) => results.Count(r => r.Outcome == outcome);
        return new CatalogImportReport(dryRun, Count(ImportOutcome.Created), Count(ImportOutcome.Updated), Count(ImportOutcome.Unchanged),
            Count(ImportOutcome.Failed), results);
    }

    private async Task<ImportRowResult> Apply(SheetRow row)
    {
        // The row's code as given, for the report; at most an id's length of it, whatever the cell held.
        var code = row.Cells.GetValueOrDefault(CatalogSheet.Code)?.Trim() is { Length: > 0 } given ? given[..Math.Min(given.Length, 64)] : null;
        try
        {
            var (parsedCode, body) = CatalogSheet.Parse(row.Cells);
            if (parsedCode is not null && !_codes.Add(parsedCode))
            {
                throw new ValidationFailedException(CatalogSheet.Code, $"The code {parsedCode} is in an earlier row of this sheet.");
            }

            CatalogEntryContent content;
            try
            {
                content = body.ToContent(department);
            }
            catch (NotEntitledException refused)
            {
                return Failed(row, code, "providerDepartment", refused.Detail);
            }

            return parsedCode is null ? await Create(row, content) : await Edit(row, parsedCode, content, body.ExpectedVersion, body.Note);
        }
        catch (ValidationFailedException invalid)
        {
            return Failed(row, code, invalid.Field, invalid.Detail);
        }
        catch (NotEntitledException refused)
        {
            return Failed(row, code, CatalogSheet.Code, refused.Detail);
        }
        catch (IllegalTransitionException illegal)
        {
            // The grain checks the version again: an edit between this import's read and its write lands here.
            return Failed(row, code, illegal.Action == "edit" ? CatalogSheet.Version : CatalogSheet.Code, illegal.Detail);
        }
        catch (NotFoundException missing)
        {
            return Failed(row, code, CatalogSheet.Code, missing.Detail);
        }
        catch (IdempotencyConflictException reused)
        {
            return Failed(row, code, IdempotentCreation.Header, reused.Detail);
        }
    }

    private async Task<ImportRowResult> Create(SheetRow row, CatalogEntryContent content)
    {
        if (dryRun)
        {
            CatalogEntryRules.Validate(content);
            return new ImportRowResult(row.Line, null, ImportOutcome.Created, Version: 1);
        }

        var (entry, replayed) = await CatalogDrafting.Draft(grains, caller, content, async (newId, exists) =>
            idempotencyKey is null
                ? new IdempotencyClaim(await newId(), Replayed: false)
                : await IdempotentCreation.ClaimKey($"{idempotencyKey}#{row.Line}", grains, Scope, caller, content, newId, exists));
        // A retried import (same Idempotency-Key) finds the draft its first attempt made: nothing new was made.
        return new ImportRowResult(row.Line, entry.Code, replayed ? ImportOutcome.Unchanged : ImportOutcome.Created, entry.Version);
    }

    private async Task<ImportRowResult> Edit(SheetRow row, string code, CatalogEntryContent content, int? expectedVersion, string? note)
    {
        var grain = grains.GetGrain<ICatalogEntryGrain>(code);
        var entry = await grain.Get()
            ?? throw new ValidationFailedException(CatalogSheet.Code, $"No entry has the code {code}; leave the code empty to compile a new entry.");
        if (entry.Content.ProviderDepartment != department)
        {
            // Each department compiles and maintains its own catalog (Art 5, 14).
            throw new NotEntitledException($"Catalog entry {code} is {entry.Content.ProviderDepartment}'s; you act for {department}.");
        }

        if (entry.Status == CatalogEntryStatus.Retired)
        {
            throw new ValidationFailedException(CatalogSheet.Code, $"Catalog entry {code} is retired; compile a new entry instead.");
        }

        if (expectedVersion is { } expected && expected != entry.Version)
        {
            throw new ValidationFailedException(CatalogSheet.Version,
                $"Catalog entry {code} is at version {entry.Version}, not {expected}: it changed since the sheet was exported; export it again.");
        }

        // The sheet has no column for the desensitization rules (Art 36): a row keeps the entry's, never drops them
        // (an item without a rule would be served by its element's default, which for most items is to keep it).
        // Nor for the share scope (Art 23): an entry kept to its platform is not shared with the others by an import.
        content = content with { Desensitization = entry.Content.Desensitization, ShareScope = entry.Content.ShareScope };
        if (Fingerprint.Of(entry.Content) == Fingerprint.Of(content))
        {
            return new ImportRowResult(row.Line, code, ImportOutcome.Unchanged, entry.Version);
        }

        CatalogEntryRules.Validate(content);
        Require.OptionalText(note, CatalogSheet.Note);
        if (dryRun)
        {
            return new ImportRowResult(row.Line, code, ImportOutcome.Updated, entry.Version + 1);
        }

        var edited = await grain.Edit(content, expectedVersion ?? entry.Version, note ?? ImportNote, caller);
        return new ImportRowResult(row.Line, code, ImportOutcome.Updated, edited.Version);
    }

    private static ImportRowResult Failed(SheetRow row, string? code, string field, string detail) =>
        new(row.Line, code, ImportOutcome.Failed, Field: field, Detail: detail);
}
