import { RULES, type RuleCode, type Severity } from '../../../service';
import { printedRange, type FileReport } from '../report';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0, the format GitHub code scanning reads. */
export function formatSarif(reports: readonly FileReport[], toolVersion: string): string {
  const codes = Object.keys(RULES) as RuleCode[];
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'labelbox-import',
            version: toolVersion,
            informationUri: 'https://docs.labelbox.com/reference/import-image-data',
            rules: codes.map((code) => ({
              id: code,
              shortDescription: { text: RULES[code].description },
              ...('docs' in RULES[code] ? { helpUri: (RULES[code] as { docs: string }).docs } : {}),
              defaultConfiguration: { level: LEVEL[RULES[code].severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: reports.flatMap((report) =>
          report.diagnostics.map((diagnostic) => {
            const range = printedRange(report, diagnostic);
            return {
              ruleId: diagnostic.code,
              ruleIndex: codes.indexOf(diagnostic.code),
              level: LEVEL[diagnostic.severity],
              message: { text: diagnostic.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: toUri(report.file) },
                    region: {
                      startLine: range.start.line,
                      startColumn: range.start.column,
                      endLine: range.end.line,
                      endColumn: range.end.column,
                    },
                  },
                },
              ],
              ...(diagnostic.relatedElsewhere?.length
                ? {
                    relatedLocations: diagnostic.relatedElsewhere.map((related, id) => ({
                      id,
                      physicalLocation: {
                        artifactLocation: { uri: toUri(related.label) },
                        region: {
                          startLine: related.line + 1,
                          startColumn: related.character + 1,
                          endLine: related.line + 1,
                          endColumn: related.character + related.length + 1,
                        },
                      },
                      message: { text: related.message },
                    })),
                  }
                : {}),
            };
          }),
        ),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** Relative paths with forward slashes, as code scanning expects them. */
function toUri(file: string): string {
  return file.replace(/\\/g, '/').replace(/^\.\//, '').split('/').map(encodeURIComponent).join('/');
}
