import type { Connection } from 'vscode-languageserver';
import { collectDiagnostics, countBySeverity, nextSignedUrlChange, type CrossFileKeys } from '../../service';
import { StatusNotification } from '../../common/protocol';
import { toLspDiagnostic } from './convert';
import { notCheckedReason, type TrackedDocument } from './documentStore';
import { pathOf } from './importFiles';
import type { MetadataSchemaStatus } from './metadataSchemas';
import type { ServerSettings } from './settings';
import { LabelboxKeyFindingsStore } from './labelboxKeyFindings';
import type { AccessResult } from '../../common/assetAccess';
import { ExpiryTimers } from './expiryTimers';

/**
 * Enough to merge the changes of one keystroke or paste that arrive together; short, because
 * an edit is checked in a few milliseconds and problems should follow typing closely.
 */
export const DIAGNOSTICS_DEBOUNCE_MS = 20;

/** How often the status of a big file being checked is updated. */
const PROGRESS_INTERVAL_MS = 250;

/** How long typing must pause before an edited text is flattened into one string again. */
export const SETTLE_AFTER_IDLE_MS = 1500;

/** Publishes each document's problems a moment after its last change, and its status after them. */
export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly settleTimers = new Map<string, NodeJS.Timeout>();
  private readonly progressSent = new WeakMap<TrackedDocument, number>();
  /** Why each document was last said, in the output channel, not to be checked: said again only when the reason changes. */
  private readonly notCheckedSaid = new Map<string, string>();
  /** Labelbox's answers about each open file's global keys. */
  readonly labelboxKeys = new LabelboxKeyFindingsStore();
  private readonly expiryTimers = new ExpiryTimers();
  /** The global keys other import files use first (the workspace index); none until the server sets it. */
  crossFileFor: (uri: string) => CrossFileKeys | undefined = () => undefined;

  constructor(
    private readonly connection: Connection,
    private readonly settingsFor: (uri: string) => ServerSettings,
    private readonly metadataSchemaFor: (uri: string) => MetadataSchemaStatus | undefined,
    /** Failures of the asset access check kept by the server, by URL. */
    private readonly accessResults: () => ReadonlyMap<string, AccessResult> = () => new Map(),
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

  /** Publishes at once (a big file's check just ended). */
  publishNow(tracked: TrackedDocument): void {
    clearTimeout(this.timers.get(tracked.uri));
    this.timers.delete(tracked.uri);
    this.publish(tracked);
  }

  publish(tracked: TrackedDocument): void {
    // A big file still being checked: its problems come when the check is done.
    if (tracked.pending) return this.sendProgress(tracked);
    const document = tracked.importDocument;
    const started = performance.now();
    const settings = this.settingsFor(tracked.uri);
    // Signed URLs are judged as of now; the timer publishes again when that verdict would change.
    const now = Date.now();
    const expiringSoonMs = settings.expiringSoonHours * 3_600_000;
    const problems = document
      ? collectDiagnostics(document, {
          maxProblems: settings.maxProblems,
          severityOverrides: settings.severity,
          existingInLabelbox: this.labelboxKeys.of(tracked.uri),
          assetAccess: this.accessResults(),
          now,
          expiringSoonMs,
          crossFile: this.crossFileFor(tracked.uri),
        })
      : [];
    this.expiryTimers.arm(tracked.uri, document && nextSignedUrlChange(document, now, expiringSoonMs), () => this.publishNow(tracked));
    const diagnostics = problems.map((problem) => toLspDiagnostic(tracked.text, problem));
    void this.connection.sendDiagnostics({ uri: tracked.uri, version: tracked.origin === 'editor' ? tracked.text.version : undefined, diagnostics }).then(
      () => this.settleWhenIdle(tracked),
      () => undefined,
    );
    const checkMilliseconds = tracked.checkMilliseconds + performance.now() - started;
    tracked.checkMilliseconds = 0;
    const counts = countBySeverity(problems);
    const notChecked = notCheckedReason(tracked);
    this.sayNotChecked(tracked.uri, notChecked);
    void this.connection.sendNotification(StatusNotification, {
      uri: tracked.uri,
      isImportFile: Boolean(document) || tracked.notChecked !== undefined,
      origin: tracked.origin,
      notChecked,
      rows: document?.rows.length ?? 0,
      errors: counts.errors,
      warnings: counts.warnings,
      infos: counts.information,
      checkMilliseconds: Math.round(checkMilliseconds * 10) / 10,
      outlineCapped: tracked.outlineCapped,
      ...this.metadataSchemaFor(tracked.uri),
    });
  }

  /** The status of a big file being checked: how far the check is, at most every PROGRESS_INTERVAL_MS. */
  sendProgress(tracked: TrackedDocument): void {
    const now = performance.now();
    const last = this.progressSent.get(tracked) ?? -Infinity;
    if (now - last < PROGRESS_INTERVAL_MS && tracked.progress !== 0) return;
    this.progressSent.set(tracked, now);
    void this.connection.sendNotification(StatusNotification, {
      uri: tracked.uri,
      isImportFile: true,
      origin: tracked.origin,
      checking: tracked.progress ?? 0,
      rows: 0,
      errors: 0,
      warnings: 0,
      infos: 0,
      checkMilliseconds: 0,
      outlineCapped: false,
    });
  }

  /**
   * Flattens the edited text (a copy of the whole file: see EditableTextDocument.settle) once
   * typing has paused, so the copy never holds up a keystroke's diagnostics or a completion
   * asked for right after an edit; until then, every reader takes slices of the pieces.
   */
  private settleWhenIdle(tracked: TrackedDocument): void {
    // A text read from disk stays in its pieces: flattening it would take as much memory again.
    if (this.timers.has(tracked.uri) || tracked.origin === 'disk') return;
    clearTimeout(this.settleTimers.get(tracked.uri));
    const timer = setTimeout(() => {
      this.settleTimers.delete(tracked.uri);
      tracked.text.settle();
      tracked.importDocument?.settle();
    }, SETTLE_AFTER_IDLE_MS);
    timer.unref();
    this.settleTimers.set(tracked.uri, timer);
  }

  /**
   * Says in the output channel why a document is not checked (it could not be read, or has too
   * many elements), once per reason: the status says it on every publish.
   */
  private sayNotChecked(uri: string, reason: string | undefined): void {
    if (reason === undefined) this.notCheckedSaid.delete(uri);
    else if (this.notCheckedSaid.get(uri) !== reason) {
      this.notCheckedSaid.set(uri, reason);
      this.connection.console.warn(`${pathOf(uri)} was not checked: ${reason}.`);
    }
  }

  clear(uri: string): void {
    this.notCheckedSaid.delete(uri);
    this.labelboxKeys.forget(uri);
    this.expiryTimers.clear(uri);
    clearTimeout(this.timers.get(uri));
    clearTimeout(this.settleTimers.get(uri));
    this.settleTimers.delete(uri);
    this.timers.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}
