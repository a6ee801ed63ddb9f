import { URI } from 'vscode-uri';
import { matchesAnyGlob, type LanguageService } from '../../service';
import type { TrackedDocument } from './documentStore';
import type { MetadataSchemas } from './metadataSchemas';
import type { SettingsCache } from './settingsCache';

/** Decides which documents the server checks as import files. */
export class ImportFiles {
  /** Documents the user asked to check with the command. */
  private readonly forced = new Set<string>();
  /** Documents found to be import files this session; they stay so while being edited. */
  private readonly detected = new Set<string>();

  constructor(
    private readonly service: LanguageService,
    private readonly settings: SettingsCache,
    private readonly metadataSchemas: MetadataSchemas,
  ) {}

  /** Forced, detected before, matched by the `files` globs, or (when detection is on) looking like one. */
  readonly isImportFile = (uri: string, text: string): boolean => {
    if (this.forced.has(uri) || this.detected.has(uri)) return true;
    if (this.metadataSchemas.isSchemaFile(uri)) return false;
    const settings = this.settings.settingsFor(uri);
    if (matchesAnyGlob(pathOf(uri), settings.files)) return true;
    return settings.detectByContent && this.service.looksLikeImportFile(text);
  };

  force(uri: string): void {
    this.forced.add(uri);
  }

  /** An import file stays one while it is edited, even while its text is briefly empty. */
  keep(uri: string): void {
    this.detected.add(uri);
  }

  /** The settings changed: every document is decided again. */
  forgetDetected(): void {
    this.detected.clear();
  }
}

/** Whether the server checks the document as an import file (or is checking it). */
export function isChecked(tracked: TrackedDocument): boolean {
  return Boolean(tracked.importDocument || tracked.pending || tracked.notChecked);
}

export function pathOf(uri: string): string {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : parsed.path;
  } catch {
    return uri;
  }
}
