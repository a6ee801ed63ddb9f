import type { Connection } from 'vscode-languageserver';
import { collectDiagnostics, countBySeverity } from '../service';
import { StatusNotification } from '../protocol';
import { toLspDiagnostic } from './convert';
import type { TrackedDocument } from './documentStore';
import type { MetadataSchemaStatus } from './metadataSchemas';
import type { ServerSettings } from './settings';

/**
 * Enough to merge the changes of one keystroke or paste that arrive together; short, because
 * an edit is checked in a few milliseconds and problems should follow typing closely.
 */
export const DIAGNOSTICS_DEBOUNCE_MS = 20;

/** How long typing must pause before an edited text is flattened into one string again. */
export const SETTLE_AFTER_IDLE_MS = 1500;

/** Publishes each document's problems a moment after its last change, and its status after them. */
export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly settleTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly connection: Connection,
    private readonly settingsFor: (uri: string) => ServerSettings,
    private readonly metadataSchemaFor: (uri: string) => MetadataSchemaStatus | undefined,
  ) {}

  schedule(tracked: TrackedDocument): void {
    clearTimeout(this.timers.get(tracked.uri));
    clearTimeout(this.settleTimers.get(tracked.uri));
    this.timers.set(
      tracked.uri,
      setTimeout(() => {
        this.timers.delete(tracked.uri);
        this.publish(tracked);
      }, DIAGNOSTICS_DEBOUNCE_MS),
    );
  }

  publish(tracked: TrackedDocument): void {
    const document = tracked.importDocument;
    const started = performance.now();
    const settings = this.settingsFor(tracked.uri);
    const problems = document ? collectDiagnostics(document, { maxProblems: settings.maxProblems, severityOverrides: settings.severity }) : [];
    const diagnostics = problems.map((problem) => toLspDiagnostic(tracked.text, problem));
    void this.connection.sendDiagnostics({ uri: tracked.uri, version: tracked.text.version, diagnostics }).then(
      () => this.settleWhenIdle(tracked),
      () => undefined,
    );
    const checkMilliseconds = tracked.checkMilliseconds + performance.now() - started;
    tracked.checkMilliseconds = 0;
    const counts = countBySeverity(problems);
    void this.connection.sendNotification(StatusNotification, {
      uri: tracked.uri,
      isImportFile: Boolean(document),
      rows: document?.rows.length ?? 0,
      errors: counts.errors,
      warnings: counts.warnings,
      infos: counts.information,
      checkMilliseconds: Math.round(checkMilliseconds * 10) / 10,
      outlineCapped: tracked.outlineCapped,
      ...this.metadataSchemaFor(tracked.uri),
    });
  }

  /**
   * Flattens the edited text (a copy of the whole file: see EditableTextDocument.settle) once
   * typing has paused, so the copy never holds up a keystroke's diagnostics or a completion
   * asked for right after an edit; until then, every reader takes slices of the pieces.
   */
  private settleWhenIdle(tracked: TrackedDocument): void {
    if (this.timers.has(tracked.uri)) return;
    clearTimeout(this.settleTimers.get(tracked.uri));
    const timer = setTimeout(() => {
      this.settleTimers.delete(tracked.uri);
      tracked.text.settle();
      tracked.importDocument?.settle();
    }, SETTLE_AFTER_IDLE_MS);
    timer.unref();
    this.settleTimers.set(tracked.uri, timer);
  }

  clear(uri: string): void {
    clearTimeout(this.timers.get(uri));
    clearTimeout(this.settleTimers.get(uri));
    this.settleTimers.delete(uri);
    this.timers.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}
