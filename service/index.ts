/**
 * The language service for Labelbox Data Row import files, and its public API: the language
 * server, the CLI and the check workers use the service only through this module (a unit test
 * checks it; tests may reach inside). Plain TypeScript: no LSP and no `vscode` imports.
 *
 * `getLanguageService()` gives the editor features, one member each (as
 * vscode-json-languageservice's getLanguageService does); the types and the small pure helpers
 * the hosts need are exported beside it. A new feature gets a file in features/ and a member of
 * LanguageService; code only features use goes in featureHelpers/.
 */
import type { ValidateFunction } from 'ajv';
import { collectDiagnostics } from './document/collectDiagnostics';
import { doComplete } from './features/completion';
import { conversionMessage, problemsAdded } from './features/conversionReport';
import { convertFileEdits, convertRowEdit } from './features/convertToCurrentFormat';
import { looksLikeImportFile } from './features/detectImportFile';
import { documentLinks } from './features/documentLinks';
import { documentSymbols } from './features/documentSymbols';
import { foldingSpans } from './features/foldingRanges';
import { formatEdits } from './features/formatting';
import { galleryPage } from './features/gallery';
import { doHover } from './features/hover';
import { quickFixEdits } from './features/quickFixes';
import { rowDetails, rowIndexNear } from './features/rows';
import { assetAccessTargets } from './features/assetAccess';
import { createValidationContext, usePrecompiledSchema } from './validation/validationContext';

export interface LanguageServiceOptions {
  /**
   * Validators generated from the schema at build time (the server, CLI and worker bundles):
   * the process then starts without compiling the schema. Without them it is compiled on first
   * use. The compiled schema is shared by the whole process.
   */
  precompiledSchema?: Readonly<Record<string, ValidateFunction>>;
}

/** Every editor feature of the service. */
export interface LanguageService {
  createValidationContext: typeof createValidationContext;
  looksLikeImportFile: typeof looksLikeImportFile;
  collectDiagnostics: typeof collectDiagnostics;
  doComplete: typeof doComplete;
  doHover: typeof doHover;
  quickFixEdits: typeof quickFixEdits;
  convertFileEdits: typeof convertFileEdits;
  convertRowEdit: typeof convertRowEdit;
  problemsAdded: typeof problemsAdded;
  conversionMessage: typeof conversionMessage;
  documentLinks: typeof documentLinks;
  documentSymbols: typeof documentSymbols;
  foldingSpans: typeof foldingSpans;
  formatEdits: typeof formatEdits;
  galleryPage: typeof galleryPage;
  rowDetails: typeof rowDetails;
  rowIndexNear: typeof rowIndexNear;
  assetAccessTargets: typeof assetAccessTargets;
}

export function getLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  if (options.precompiledSchema) usePrecompiledSchema(options.precompiledSchema);
  return Object.freeze({
    createValidationContext,
    looksLikeImportFile,
    collectDiagnostics,
    doComplete,
    doHover,
    quickFixEdits,
    convertFileEdits,
    convertRowEdit,
    problemsAdded,
    conversionMessage,
    documentLinks,
    documentSymbols,
    foldingSpans,
    formatEdits,
    galleryPage,
    rowDetails,
    rowIndexNear,
    assetAccessTargets,
  });
}

// Documents and problems.
export { ImportDocument, type TextChange, type RowEntry, type CheckedRows } from './document/importDocument';
export type { LabelboxKeyFinding, LabelboxKeyFindings } from './document/labelboxKeyDiagnostics';
export { collectDiagnostics, countBySeverity, DEFAULT_MAX_PROBLEMS, type DiagnosticOptions, type SeverityCounts } from './document/collectDiagnostics';
export { DEFAULT_EXPIRING_SOON_MS } from './document/collectDiagnostics';
export { nextSignedUrlChange, utcText } from './document/signedUrlDiagnostics';
export { createValidationContext, type ValidationContext } from './validation/validationContext';
export type { RowResult } from './validation/validateRow';
export { RULES, isRuleCode, type RuleCode, type Severity, type SeverityOverrides } from './rules';
export type { ImportDiagnostic, FixData, RelatedLocation, RelatedElsewhere } from './diagnostic';
// Big texts, checked in pieces and on worker threads.
export { LineIndex, lineStartsOf, lineStartsOfPieces } from './text/lineIndex';
export { SparseLineIndex } from './text/sparseLineIndex';
export { TextPieces } from './text/textPieces';
export {
  checkInPieces,
  checkBatch,
  checkBatchHere,
  type RowBatch,
  type RowBatchChecker,
  type CheckInPiecesOptions,
  type CheckedPieces,
} from './document/checkInPieces';
// The organization's metadata.
export { MetadataCatalog, type CatalogOrigin, type MetadataField, type MetadataKind, type MetadataOption } from './metadata/catalog';
export { parseMetadataSchema, readMetadataSchema, type MetadataSchemaResult } from '../common/metadataSchema/schemaFile';
export { GRAPHQL_KINDS, kindFromGraphql } from '../common/metadataSchema/kinds';
// What the features take and give, and the helpers the hosts use with them.
export type { CompletionEntry, CompletionKind } from './features/completion';
export { SNIFF_READ_LENGTH } from './features/detectImportFile';
export type { AddedProblem } from './features/conversionReport';
export type { GalleryEntry } from './features/gallery';
export { assetAccessTargets, type AssetAccessTargets, type AssetUrlEntry, type NotCheckableEntry } from './features/assetAccess';
export type { TextEdit } from './featureHelpers/textEdit';
export type { ImageResolver, ImageSource } from './featureHelpers/imageMarkdown';
export { fillPlaceholders } from './featureHelpers/snippetText';
export { codeSpan, escapeMarkdown } from './text/markdown';
export { compileGlob, globProblem, GlobError, matchesAnyGlob } from './text/glob';
// Global keys across the import files of a workspace (or of one command line).
export { compareImportFiles, orderReason, type FileOrderKey, type OrderReason } from './workspaceKeys/fileOrder';
export { globalKeyOfRowValue } from './workspaceKeys/keyOfRow';
export { FileKeys, fileKeysOfDocument, fileKeysOfRows, type KeyPlace, type KeySource, type PositionAt } from './workspaceKeys/fileKeys';
export { documentKeySource } from './workspaceKeys/documentKeys';
export { extractFileKeys, keysOnlyChecker, readKeysOfBatch } from './workspaceKeys/extractKeys';
export { WorkspaceKeyIndex } from './workspaceKeys/workspaceKeyIndex';
export type { CrossFileKeys, KeyOwner } from './workspaceKeys/crossFileDiagnostics';
