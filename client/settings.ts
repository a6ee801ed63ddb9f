import * as vscode from 'vscode';
import { SETTING_DEFAULTS, SETTINGS_SECTION } from '../common/settings';
import type { AccessCheckSettings } from './assetAccess/checkAccessFlow';

/**
 * The extension's settings: the only module of the client that reads them (the server reads
 * the same section, server/lsp/settings.ts; the ids and defaults are in common/settings.ts).
 */
export { SETTINGS_SECTION };
export const LANGUAGE_ID = 'labelbox-json';
/** JSON languages whose documents the server looks at to find import files. */
export const JSON_LANGUAGES = ['json', 'jsonc', LANGUAGE_ID];

/** The API endpoint of a folder (or of no folder); in an untrusted workspace only the user's own value counts (it receives the key). */
export function apiEndpoint(folder: vscode.WorkspaceFolder | undefined): string {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, folder?.uri);
  if (vscode.workspace.isTrusted) return config.get<string>('apiEndpoint') || SETTING_DEFAULTS.apiEndpoint;
  const inspected = config.inspect<string>('apiEndpoint');
  return inspected?.globalValue || SETTING_DEFAULTS.apiEndpoint;
}

/** The metadata schema file of a folder, as the setting writes it (relative to the folder, or absolute). */
export function metadataSchemaPath(folder: vscode.WorkspaceFolder): string {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION, folder.uri).get<string>('metadataSchema')?.trim() || SETTING_DEFAULTS.metadataSchema;
}

/** Whether the preview of a document may run the scripts of HTML rows. The setting is restricted in untrusted workspaces; checking trust here too costs nothing. */
export function previewAllowScripts(documentUri: vscode.Uri): boolean {
  return (
    vscode.workspace.isTrusted && vscode.workspace.getConfiguration(`${SETTINGS_SECTION}.preview`, documentUri).get<boolean>('allowScripts', false) === true
  );
}

/** `preview.urlRewrites` of a document, as written (the URL resolver checks it). */
export function previewUrlRewrites(documentUri: vscode.Uri): unknown {
  return vscode.workspace.getConfiguration(`${SETTINGS_SECTION}.preview`, documentUri).get<unknown>('urlRewrites');
}

/** Whether a change of configuration touches any of our settings. */
export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(SETTINGS_SECTION);
}

/** Whether a change of configuration touches the preview settings of a document. */
export function affectsPreview(event: vscode.ConfigurationChangeEvent, documentUri: vscode.Uri): boolean {
  return event.affectsConfiguration(`${SETTINGS_SECTION}.preview`, documentUri);
}

/** The asset access check's settings (labelboxImport.assetCheck.*), bounded as the manifest says. */
export function assetCheckSettings(documentUri: vscode.Uri): AccessCheckSettings {
  const config = vscode.workspace.getConfiguration(`${SETTINGS_SECTION}.assetCheck`, documentUri);
  const whole = (key: string, fallback: number, min: number, max: number) => {
    const value = config.get<number>(key);
    return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback;
  };
  const origins = config.get<unknown>('origins');
  return {
    concurrency: whole('concurrency', SETTING_DEFAULTS['assetCheck.concurrency'], 1, 64),
    perHost: whole('perHostConcurrency', SETTING_DEFAULTS['assetCheck.perHostConcurrency'], 1, 16),
    timeoutSeconds: whole('timeoutSeconds', SETTING_DEFAULTS['assetCheck.timeoutSeconds'], 1, 120),
    cacheMinutes: whole('cacheMinutes', SETTING_DEFAULTS['assetCheck.cacheMinutes'], 0, 1440),
    origins: Array.isArray(origins)
      ? origins.filter((origin): origin is string => typeof origin === 'string' && /^https?:\/\/[^/\s]+$/i.test(origin))
      : [...SETTING_DEFAULTS['assetCheck.origins']],
    allowPrivateAddresses: vscode.workspace.isTrusted && config.get<boolean>('allowPrivateAddresses') === true,
  };
}
