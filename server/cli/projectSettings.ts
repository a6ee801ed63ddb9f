import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { readFileCappedSync } from '../../common/node/readCapped';
import { hasOwnKey, ownValue, setOwnValue } from '../../common/ownKeys';
import { DEFAULT_SETTINGS, readSettings, type ServerSettings } from '../lsp/settings';
import { accessSettingsOf, type AccessArgs } from './checkAccess';
import { settingValue } from './settingValue';

/**
 * The extension's settings as the CLI reads them: the `labelboxImport.*` keys of a VS Code
 * workspace settings file (`.vscode/settings.json`). One file configures the editor, the CLI,
 * the GitHub Action and the pre-commit hook alike: severity overrides, the problem cap and the
 * metadata schema path (relative to the workspace folder, the folder that holds `.vscode`).
 */

export interface ProjectSettings {
  /** The settings file read, if any. */
  file?: string;
  /** The folder the settings' relative paths start from (the workspace folder). */
  workspaceFolder?: string;
  settings: ServerSettings;
  /** labelboxImport.assetCheck.* for --check-access (only those the file gives). */
  assetCheck?: Partial<AccessArgs>;
}

/** A settings file is a few kilobytes; anything far bigger is not one. */
const MAX_SETTINGS_BYTES = 1024 * 1024;
/** The settings the CLI uses; the others (files, detectByContent, preview…) concern the editor. */
const CLI_KEYS = ['severity', 'maxProblems', 'metadataSchema', 'signedUrls.expiringSoonHours', 'globalKeys.acrossFiles', 'globalKeys.importedFiles'] as const;

export class SettingsFileError extends Error {}

/** `.vscode/settings.json` in `cwd` or the nearest folder above it, stopping at the repository root. */
export function findSettingsFile(cwd: string): string | undefined {
  for (let folder = resolve(cwd); ; folder = dirname(folder)) {
    const candidate = join(folder, '.vscode', 'settings.json');
    if (existsSync(candidate)) return candidate;
    if (existsSync(join(folder, '.git')) || dirname(folder) === folder) return undefined;
  }
}

/** Reads the settings file (JSON with comments, as VS Code writes it). Throws SettingsFileError when it cannot be used. */
export function readProjectSettings(file: string): ProjectSettings {
  let text: string;
  try {
    const read = readFileCappedSync(file, MAX_SETTINGS_BYTES);
    if (read.truncated) throw new SettingsFileError(`${file} is larger than 1 MB: is it a settings file?`);
    text = read.bytes.toString('utf8');
  } catch (error) {
    if (error instanceof SettingsFileError) throw error;
    throw new SettingsFileError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const errors: ParseError[] = [];
  const root: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length)
    throw new SettingsFileError(`${file} is not valid JSON with comments (${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset}).`);
  if (!root || typeof root !== 'object' || Array.isArray(root)) throw new SettingsFileError(`${file} does not hold an object of settings.`);
  const settingsFolder = dirname(resolve(file));
  // `.vscode/settings.json` belongs to the folder above `.vscode`.
  const workspaceFolder = basename(settingsFolder) === '.vscode' ? dirname(settingsFolder) : settingsFolder;
  const settings = readSettings(sectionOf(root as Record<string, unknown>));
  const assetCheck = accessSettingsOf(root as Record<string, unknown>);
  return { file, workspaceFolder, settings: { ...settings, problems: [...settings.problems, ...assetCheck.problems] }, assetCheck: assetCheck.values };
}

/** The `labelboxImport` section as the language server receives it: nested, whichever spelling the file uses. */
function sectionOf(root: Record<string, unknown>): Record<string, unknown> {
  const section: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of CLI_KEYS) {
    const value = settingValue(root, key);
    if (value !== undefined) setPath(section, key, value);
  }
  return section;
}

/** Sets a dotted path in nested objects without prototypes, as the language server receives nested settings. */
function setPath(section: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let container = section;
  for (const part of parts.slice(0, -1)) {
    const next = hasOwnKey(container, part) ? ownValue(container, part) : undefined;
    const object = next && typeof next === 'object' ? (next as Record<string, unknown>) : (Object.create(null) as Record<string, unknown>);
    setOwnValue(container, part, object);
    container = object;
  }
  setOwnValue(container, parts[parts.length - 1], value);
}

export function defaultProjectSettings(): ProjectSettings {
  return { settings: { ...DEFAULT_SETTINGS, severity: {}, problems: [] } };
}
