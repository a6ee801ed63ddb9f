import type { Connection, InitializeParams } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, readSettings, type ServerSettings } from './settings';

/**
 * The server's settings: the global ones (from the initialization options or a configuration
 * change) and, when the client answers `workspace/configuration`, each document's own.
 */
export class SettingsCache {
  /** Whether the client answers `workspace/configuration` (settings per document). */
  supportsConfiguration = false;
  global: ServerSettings = DEFAULT_SETTINGS;
  private readonly byUri = new Map<string, ServerSettings>();
  /** Problems with the settings already shown: each is shown once, not for every document. */
  private readonly shownProblems = new Set<string>();

  constructor(private readonly connection: Connection) {}

  initialize(params: InitializeParams): void {
    this.supportsConfiguration = Boolean(params.capabilities.workspace?.configuration);
    const options = params.initializationOptions as { settings?: unknown } | undefined;
    if (options?.settings) this.global = this.use(options.settings);
  }

  settingsFor(uri: string): ServerSettings {
    return this.byUri.get(uri) ?? this.global;
  }

  /** Reads raw settings, showing each problem with them once. */
  use(raw: unknown): ServerSettings {
    const settings = readSettings(raw);
    for (const problem of settings.problems) {
      if (this.shownProblems.has(problem)) continue;
      this.shownProblems.add(problem);
      this.connection.console.warn(problem);
      void this.connection.window.showWarningMessage(problem);
    }
    return settings;
  }

  /** Reads the settings of a document (when the client has them per document). */
  async fetch(uri: string): Promise<void> {
    if (!this.supportsConfiguration) return;
    try {
      const raw: unknown = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'labelboxImport' });
      this.byUri.set(uri, this.use(raw));
    } catch (error) {
      this.connection.console.warn(`Could not read the settings of ${uri}: ${String(error)}; using the defaults.`);
    }
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  /** The settings changed: problems are shown again, and each document's settings are read again. */
  changed(): void {
    this.shownProblems.clear();
    if (this.supportsConfiguration) this.byUri.clear();
  }
}
