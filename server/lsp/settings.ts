import { SETTING_DEFAULTS } from '../../common/settings';
import { globProblem, isRuleCode, type Severity, type SeverityOverrides } from '../../service';

/** The `labelboxImport.*` settings the server uses (ids and defaults: common/settings.ts and package.json). */
export interface ServerSettings {
  files: string[];
  detectByContent: boolean;
  maxProblems: number;
  severity: SeverityOverrides;
  metadataSchema: string;
  /** `preview.urlRewrites`, as written: hovers resolve image URLs with it as the preview does (which reads and reports it). */
  previewUrlRewrites: unknown;
  /** `signedUrls.expiringSoonHours`: a signed URL expiring within this many hours is reported (0: never). */
  expiringSoonHours: number;
  /** `globalKeys.acrossFiles`: check global keys across every import file of the workspace. */
  globalKeysAcrossFiles: boolean;
  /** `globalKeys.importedFiles`: globs of import files already imported into Labelbox. */
  importedFiles: string[];
  /** What was wrong with the settings as given (a pattern that cannot be used…), for the user. */
  problems: string[];
}

export const DEFAULT_SETTINGS: ServerSettings = {
  files: [...SETTING_DEFAULTS.files],
  detectByContent: SETTING_DEFAULTS.detectByContent,
  maxProblems: SETTING_DEFAULTS.maxProblems,
  severity: {},
  metadataSchema: SETTING_DEFAULTS.metadataSchema,
  previewUrlRewrites: undefined,
  expiringSoonHours: SETTING_DEFAULTS['signedUrls.expiringSoonHours'],
  globalKeysAcrossFiles: SETTING_DEFAULTS['globalKeys.acrossFiles'],
  importedFiles: [...SETTING_DEFAULTS['globalKeys.importedFiles']],
  problems: [],
};

const SEVERITIES = new Set<Severity | 'off'>(['error', 'warning', 'information', 'hint', 'off']);

/** Reads settings as the client sent them, keeping defaults for anything missing or malformed. */
export function readSettings(raw: unknown): ServerSettings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const settings: ServerSettings = { ...DEFAULT_SETTINGS, severity: {}, importedFiles: [...DEFAULT_SETTINGS.importedFiles], problems: [] };
  if (Array.isArray(value.files) && value.files.every((item) => typeof item === 'string')) {
    settings.files = [];
    for (const pattern of value.files) {
      const problem = globProblem(pattern);
      if (problem) settings.problems.push(`labelboxImport.files: ${problem} The pattern is ignored.`);
      else settings.files.push(pattern);
    }
  }
  if (typeof value.detectByContent === 'boolean') settings.detectByContent = value.detectByContent;
  if (typeof value.maxProblems === 'number' && value.maxProblems >= 1) settings.maxProblems = Math.floor(value.maxProblems);
  if (typeof value.metadataSchema === 'string' && value.metadataSchema.trim()) settings.metadataSchema = value.metadataSchema.trim();
  const preview = value.preview && typeof value.preview === 'object' ? (value.preview as Record<string, unknown>) : {};
  settings.previewUrlRewrites = preview.urlRewrites;
  const signedUrls = value.signedUrls && typeof value.signedUrls === 'object' ? (value.signedUrls as Record<string, unknown>) : {};
  const hours = signedUrls.expiringSoonHours;
  if (typeof hours === 'number' && Number.isFinite(hours) && hours >= 0) settings.expiringSoonHours = hours;
  readGlobalKeySettings(value.globalKeys, settings);
  if (value.severity && typeof value.severity === 'object') {
    for (const [code, severity] of Object.entries(value.severity as Record<string, unknown>)) {
      if (isRuleCode(code) && SEVERITIES.has(severity as Severity)) settings.severity[code] = severity as Severity | 'off';
    }
  }
  return settings;
}

/** `labelboxImport.globalKeys.*`: a pattern that cannot be used is reported and left out. */
function readGlobalKeySettings(raw: unknown, settings: ServerSettings): void {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  if (typeof value.acrossFiles === 'boolean') settings.globalKeysAcrossFiles = value.acrossFiles;
  if (!Array.isArray(value.importedFiles)) return;
  settings.importedFiles = [];
  for (const pattern of value.importedFiles) {
    if (typeof pattern !== 'string') continue;
    const problem = globProblem(pattern);
    if (problem) settings.problems.push(`labelboxImport.globalKeys.importedFiles: ${problem} The pattern is ignored.`);
    else settings.importedFiles.push(pattern);
  }
}
