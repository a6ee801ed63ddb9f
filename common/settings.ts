import { DEFAULT_METADATA_SCHEMA_PATH } from './metadataSchema/schemaFile';

/**
 * Every `labelboxImport.*` setting with its default, for both sides: the extension reads its
 * settings in client/settings.ts, the server in server/lsp/settings.ts. package.json declares
 * the same ids with the same defaults (test/unit/manifest.test.ts).
 */
export const SETTINGS_SECTION = 'labelboxImport';

export const SETTING_DEFAULTS = {
  files: ['**/*.labelbox.json', '**/labelbox/**/*.json'],
  detectByContent: true,
  maxProblems: 1000,
  severity: {},
  metadataSchema: DEFAULT_METADATA_SCHEMA_PATH,
  apiEndpoint: 'https://api.labelbox.com/graphql',
  'trace.server': 'off',
  'preview.urlRewrites': {},
  'preview.allowScripts': false,
  'assetCheck.concurrency': 16,
  'assetCheck.perHostConcurrency': 4,
  'assetCheck.timeoutSeconds': 15,
  'assetCheck.cacheMinutes': 30,
  'assetCheck.origins': ['https://app.labelbox.com', 'https://editor.labelbox.com'],
  'assetCheck.allowPrivateAddresses': false,
  'signedUrls.expiringSoonHours': 24,
  'globalKeys.acrossFiles': true,
  'globalKeys.importedFiles': [],
} as const;

export type SettingId = keyof typeof SETTING_DEFAULTS;
