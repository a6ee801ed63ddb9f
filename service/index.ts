/**
 * The language service for Labelbox Data Row import files: parsing, validation and (in
 * their own modules) editor features. Plain TypeScript: no LSP and no `vscode` imports, so
 * the language server, the CLI and the tests all use it the same way.
 */
export { ImportDocument, type TextChange, type RowEntry, type CheckedRows } from './document/importDocument';
export { collectDiagnostics, countBySeverity, DEFAULT_MAX_PROBLEMS, type DiagnosticOptions, type SeverityCounts } from './document/collectDiagnostics';
export { createValidationContext, type ValidationContext } from './validation/validationContext';
export { MetadataCatalog, type CatalogOrigin, type MetadataField, type MetadataKind, type MetadataOption } from './metadata/catalog';
export { RULES, isRuleCode, type RuleCode, type Severity, type SeverityOverrides } from './rules';
export type { ImportDiagnostic, FixData, RelatedLocation } from './diagnostic';
export { LineIndex, lineStartsOf, lineStartsOfPieces } from './text/lineIndex';
export { TextPieces } from './text/textPieces';
export { checkInPieces, checkBatchHere, type RowBatch, type RowBatchChecker, type CheckInPiecesOptions, type CheckedPieces } from './document/checkInPieces';
export { parseMetadataSchema, readMetadataSchema, type MetadataSchemaResult } from '../common/metadataSchema/schemaFile';
export { GRAPHQL_KINDS, kindFromGraphql } from '../common/metadataSchema/kinds';
