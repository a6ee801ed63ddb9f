import { CodeActionKind, type CodeAction, type Command, type Diagnostic, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { AddedProblem, LanguageService, TextEdit } from '../../../service';
import { DIAGNOSTIC_SOURCE, toLspEdits, type DiagnosticData } from '../convert';
import { runOnImportFile } from '../runSafe';
import type { ServerContext } from '../serverContext';

/** The whole-file conversion, offered in the Source Action menu and by the client's command. */
export const CONVERT_FILE_KIND = `${CodeActionKind.Source}.convertToCurrentFormat`;
export const CONVERT_ROW_KIND = `${CodeActionKind.RefactorRewrite}.convertRowToCurrentFormat`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CONVERT_ROW_KIND, CONVERT_FILE_KIND];
/** The client's command that tells the user what a conversion did: the rows converted, the problems it adds and why. */
export const REPORT_CONVERSION_COMMAND = 'labelboxImport.reportConversion';

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

/**
 * Quick fixes from the fixes each diagnostic carries in `data`, computed against the document
 * as it is now; converting the legacy row under the cursor; and converting the whole file.
 */
export function registerCodeActions(context: ServerContext): void {
  context.connection.onCodeAction((params, token) =>
    runOnImportFile(context, token, params.textDocument.uri, [], 'codeAction', (tracked, document) => {
      const only = params.context.only;
      const actions: CodeAction[] = [];
      const uri = params.textDocument.uri;
      /** Set when a quick fix already converts the row, so it is not offered twice. */
      let convertsRow = false;

      if (wants(only, CodeActionKind.QuickFix)) {
        for (const diagnostic of params.context.diagnostics) {
          if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
          const fixes = (diagnostic.data as DiagnosticData | undefined)?.fixes ?? [];
          const offset = tracked.text.offsetAt(diagnostic.range.start);
          const length = tracked.text.offsetAt(diagnostic.range.end) - offset;
          fixes.forEach((fix, index) => {
            const edits = context.service.quickFixEdits(document, offset, length, fix, (key) => context.keyTakenElsewhere?.(uri, key) ?? false);
            if (!edits.length) return;
            if (fix.kind === 'convertRow') convertsRow = true;
            actions.push(fixAction(fix.title, diagnostic, uri, toLspEdits(tracked.text, edits), index === 0));
          });
        }
      }

      const cursor = tracked.text.offsetAt(params.range.start);
      const rowIndex = document.rowIndexAt(cursor);
      if (rowIndex >= 0 && wants(only, CONVERT_ROW_KIND) && !convertsRow) {
        const edit = context.service.convertRowEdit(document, rowIndex);
        if (edit) {
          const added = context.service.problemsAdded(document, [edit], context.validationContextFor(uri), context.settingsFor(uri).severity);
          actions.push({
            title: 'Convert this row to the current import format',
            kind: CONVERT_ROW_KIND,
            edit: { changes: { [uri]: toLspEdits(tracked.text, [edit]) } },
            // Said only when the row gets problems it did not have.
            ...(added.length ? { command: reportCommand(context.service, [edit], added) } : {}),
          });
        }
      }

      if (document.legacyRows > 0 && only && wants(only, CONVERT_FILE_KIND)) {
        const edits = context.service.convertFileEdits(document);
        if (edits.length) {
          const added = context.service.problemsAdded(document, edits, context.validationContextFor(uri), context.settingsFor(uri).severity);
          actions.push({
            title: 'Convert file to the current import format',
            kind: CONVERT_FILE_KIND,
            edit: { changes: { [uri]: toLspEdits(tracked.text, edits) } },
            command: reportCommand(context.service, edits, added),
          });
        }
      }
      return actions;
    }),
  );
}

function reportCommand(service: LanguageService, edits: readonly TextEdit[], added: readonly AddedProblem[]): Command {
  const serious = added.some((problem) => problem.severity === 'error' || problem.severity === 'warning');
  return {
    title: 'Report the conversion',
    command: REPORT_CONVERSION_COMMAND,
    arguments: [service.conversionMessage(edits.length, added), serious ? 'warning' : 'information'],
  };
}

function fixAction(title: string, diagnostic: Diagnostic, uri: string, edits: LspTextEdit[], isPreferred: boolean): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred, edit: { changes: { [uri]: edits } } };
}
