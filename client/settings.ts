/** Setting ids of the client; the server reads the same section (server/lsp/settings.ts). */
export const SETTINGS_SECTION = 'labelboxImport';
export const LANGUAGE_ID = 'labelbox-json';
/** JSON languages whose documents the server looks at to find import files. */
export const JSON_LANGUAGES = ['json', 'jsonc', LANGUAGE_ID];
