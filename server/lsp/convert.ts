import { DiagnosticSeverity, type Diagnostic, type Range, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES, type ImportDiagnostic, type Severity, type TextEdit } from '../../service';

export const DIAGNOSTIC_SOURCE = 'labelbox-import';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(document: TextDocument, offset: number, length: number): Range {
  return { start: document.positionAt(offset), end: document.positionAt(offset + length) };
}

export function toLspEdits(document: TextDocument, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((edit) => ({ range: toRange(document, edit.offset, edit.length), newText: edit.newText }));
}

/** The fixes travel in `data`, so code actions need nothing but the diagnostic. */
export interface DiagnosticData {
  fixes?: ImportDiagnostic['fixes'];
}

export function toLspDiagnostic(document: TextDocument, diagnostic: ImportDiagnostic): Diagnostic {
  const rule = RULES[diagnostic.code];
  const result: Diagnostic = {
    range: toRange(document, diagnostic.offset, diagnostic.length),
    severity: SEVERITY[diagnostic.severity],
    code: diagnostic.code,
    source: DIAGNOSTIC_SOURCE,
    message: diagnostic.message,
  };
  if ('docs' in rule) result.codeDescription = { href: rule.docs };
  if (diagnostic.fixes?.length) result.data = { fixes: diagnostic.fixes } satisfies DiagnosticData;
  if (diagnostic.related?.length) {
    result.relatedInformation = diagnostic.related.map((related) => ({
      location: { uri: document.uri, range: toRange(document, related.offset, related.length) },
      message: related.message,
    }));
  }
  if (diagnostic.relatedElsewhere?.length) {
    result.relatedInformation = [
      ...(result.relatedInformation ?? []),
      ...diagnostic.relatedElsewhere.map((related) => ({
        location: {
          uri: related.uri,
          range: { start: { line: related.line, character: related.character }, end: { line: related.line, character: related.character + related.length } },
        },
        message: related.message,
      })),
    ];
  }
  return result;
}
