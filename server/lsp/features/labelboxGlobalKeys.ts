import { GlobalKeysRequest, LabelboxKeyResultsNotification, MAX_GLOBAL_KEYS_ASKED, type GlobalKeysResult } from '../../../common/protocol';
import type { ImportDocument } from '../../../service';
import { runOnImportFile } from '../runSafe';
import type { ServerContext } from '../serverContext';

/**
 * The server's part of "Check Global Keys Against Labelbox": the client asks for the file's
 * global keys, asks Labelbox about them, and sends back the keys Labelbox has, which are then
 * reported at their rows (global-key-exists-in-labelbox).
 */
export function registerLabelboxGlobalKeys(context: ServerContext): void {
  const { connection, documents, diagnostics } = context;
  connection.onRequest(GlobalKeysRequest, (params, token) =>
    runOnImportFile(context, token, params.uri, null, 'globalKeys', (_tracked, document) => globalKeysOf(document)),
  );
  connection.onNotification(LabelboxKeyResultsNotification, (params) => {
    const tracked = documents.get(params.uri);
    // A file closed meanwhile: its findings would never be shown or dropped.
    if (!tracked) return;
    diagnostics.labelboxKeys.add(params);
    diagnostics.schedule(tracked);
  });
}

/** Each spelling once, in row order: Labelbox may compare the keys it is asked about by case, so every spelling is asked. */
export function globalKeysOf(document: ImportDocument): GlobalKeysResult {
  const seen = new Set<string>();
  const keys: string[] = [];
  for (const entry of document.rows) {
    const key = entry.facts.globalKey?.value;
    if (key === undefined || key === '' || seen.has(key)) continue;
    seen.add(key);
    if (keys.length < MAX_GLOBAL_KEYS_ASKED) keys.push(key);
  }
  return { keys, total: seen.size };
}
