import type { Message, NotificationMessage, RequestMessage } from 'vscode-languageserver';
import { ownValue } from '../../common/ownKeys';
import { MAX_LABELBOX_KEY_RESULTS } from '../../common/protocol';

/**
 * The shape of the parameters of every message the server handles, checked before a handler
 * sees them: a `didOpen` without text, a position that is a string, a change that is not a
 * list would otherwise throw inside a handler (or later, in a timer) and stop the server. A
 * notification that fails is logged and dropped; a request is answered with an InvalidParams
 * error naming the field.
 */

type Check = (value: unknown) => string | undefined;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** A problem of a field, with the field's name in front of its path: "position.line is not…", "changes[2].uri is not…". */
function under(name: string, problem: string): string {
  if (problem.startsWith('[')) return `${name}${problem}`;
  return problem.startsWith('is ') ? `${name} ${problem}` : `${name}.${problem}`;
}

/** Checks each named field; the first problem found, with its path. */
function fields(checks: ReadonlyArray<readonly [string, Check]>, optional = false): Check {
  return (value) => {
    if (value === undefined && optional) return undefined;
    if (!isObject(value)) return 'is not an object';
    for (const [name, check] of checks) {
      const problem = check(ownValue(value, name));
      if (problem) return under(name, problem);
    }
    return undefined;
  };
}

const string: Check = (value) => (typeof value === 'string' ? undefined : 'is not a string');
const shortString =
  (max: number): Check =>
  (value) =>
    typeof value !== 'string' ? 'is not a string' : value.length > max ? `is longer than ${max} characters` : undefined;
const optionalString: Check = (value) => (value === undefined ? undefined : string(value));
const integer: Check = (value) => (typeof value === 'number' && Number.isInteger(value) ? undefined : 'is not an integer');
const optionalBoolean: Check = (value) => (value === undefined || typeof value === 'boolean' ? undefined : 'is not true or false');
const count: Check = (value) => (isCount(value) ? undefined : 'is not a whole number from 0');
const position = fields([
  ['line', count],
  ['character', count],
]);
const range = fields([
  ['start', position],
  ['end', position],
]);
const list =
  (item: Check): Check =>
  (value) => {
    if (!Array.isArray(value)) return 'is not a list';
    for (let i = 0; i < value.length; i++) {
      const problem = item(value[i]);
      if (problem) return problem.startsWith('is ') ? `[${i}] ${problem}` : `[${i}]${problem.startsWith('[') ? '' : '.'}${problem}`;
    }
    return undefined;
  };
const documentId = fields([['uri', string]]);
const contentChange: Check = (value) => {
  if (!isObject(value)) return 'is not an object';
  if (typeof value.text !== 'string') return 'text is not a string';
  const problem = value.range === undefined ? undefined : range(value.range);
  return problem && under('range', problem);
};
const formattingOptions = fields([
  ['tabSize', (value) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? undefined : 'is not a number of spaces')],
  ['insertSpaces', (value) => (typeof value === 'boolean' ? undefined : 'is not true or false')],
]);
const onDocumentAt = fields([
  ['textDocument', documentId],
  ['position', position],
]);
const onDocument = fields([['textDocument', documentId]]);

const CHECKS = new Map<string, Check>([
  [
    'textDocument/didOpen',
    fields([
      [
        'textDocument',
        fields([
          ['uri', string],
          ['languageId', string],
          ['version', integer],
          ['text', string],
        ]),
      ],
    ]),
  ],
  [
    'textDocument/didChange',
    fields([
      [
        'textDocument',
        fields([
          ['uri', string],
          ['version', integer],
        ]),
      ],
      ['contentChanges', list(contentChange)],
    ]),
  ],
  ['textDocument/didClose', onDocument],
  ['textDocument/didSave', onDocument],
  ['textDocument/hover', onDocumentAt],
  ['textDocument/completion', onDocumentAt],
  [
    'textDocument/codeAction',
    fields([
      ['textDocument', documentId],
      ['range', range],
      [
        'context',
        fields([
          ['diagnostics', list(fields([['range', range]]))],
          ['only', (value) => (value === undefined ? undefined : list(string)(value))],
        ]),
      ],
    ]),
  ],
  ['textDocument/documentSymbol', onDocument],
  ['textDocument/documentLink', onDocument],
  ['textDocument/foldingRange', onDocument],
  [
    'textDocument/formatting',
    fields([
      ['textDocument', documentId],
      ['options', formattingOptions],
    ]),
  ],
  [
    'textDocument/rangeFormatting',
    fields([
      ['textDocument', documentId],
      ['range', range],
      ['options', formattingOptions],
    ]),
  ],
  ['workspace/didChangeWatchedFiles', fields([['changes', list(fields([['uri', string]]))]])],
  [
    'workspace/didChangeWorkspaceFolders',
    fields([
      [
        'event',
        fields([
          ['added', list(fields([['uri', string]]))],
          ['removed', list(fields([['uri', string]]))],
        ]),
      ],
    ]),
  ],
  ['labelboxImport/checkAsImportFile', fields([['uri', string]])],
  [
    'labelboxImport/rowAt',
    fields([
      ['uri', string],
      ['position', (value) => (value === undefined ? undefined : position(value))],
      ['index', (value) => (value === undefined || isCount(value) ? undefined : 'is not a whole number from 0')],
    ]),
  ],
  [
    'labelboxImport/gallery',
    fields([
      ['uri', string],
      ['from', count],
      ['count', count],
      [
        'filter',
        fields(
          [
            ['text', optionalString],
            ['mediaType', optionalString],
            ['problemsOnly', optionalBoolean],
          ],
          true,
        ),
      ],
    ]),
  ],
  ['labelboxImport/globalKeys', fields([['uri', string]])],
  [
    'labelboxImport/labelboxGlobalKeyResults',
    fields([
      ['uri', string],
      ['checkedAt', string],
      ['replace', optionalBoolean],
      [
        'results',
        (value) =>
          Array.isArray(value) && value.length > MAX_LABELBOX_KEY_RESULTS
            ? `is a list of more than ${MAX_LABELBOX_KEY_RESULTS} entries`
            : list(
                fields([
                  ['key', shortString(1024)],
                  ['state', (state) => (state === 'exists' || state === 'access-denied' ? undefined : 'is not "exists" or "access-denied"')],
                  ['dataRowId', (id) => (id === undefined ? undefined : shortString(256)(id))],
                ]),
              )(value),
      ],
    ]),
  ],
  ['labelboxImport/assetUrls', fields([['uri', string]])],
  [
    'labelboxImport/assetAccessResults',
    fields([
      [
        'results',
        list(
          fields([
            ['url', string],
            ['checkedAt', (value) => (typeof value === 'number' && Number.isFinite(value) ? undefined : 'is not a number')],
            ['verdict', (value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : 'is not an object')],
          ]),
        ),
      ],
      ['keepMinutes', count],
    ]),
  ],
]);

/** What is wrong with a message's parameters, or undefined when they have the expected shape (or the method is not checked here). */
export function paramsProblem(method: string, params: unknown): string | undefined {
  const check = CHECKS.get(method);
  if (!check) return undefined;
  const problem = check(params);
  return problem && under('params', problem);
}

/** The method a request with bad parameters is sent on instead: its handler answers InvalidParams. */
export const INVALID_PARAMS_METHOD = 'labelboxImport/invalidParams';

export interface InvalidParams {
  method: string;
  problem: string;
}

export type CheckedMessage = { drop: string } | { message: Message };

/** The message to dispatch: as it came, redirected to INVALID_PARAMS_METHOD (a bad request), or dropped with a reason (a bad notification). */
export function checkMessage(message: Message): CheckedMessage {
  const withMethod = message as Partial<RequestMessage & NotificationMessage>;
  if (typeof withMethod.method !== 'string') return { message };
  const problem = paramsProblem(withMethod.method, withMethod.params);
  if (!problem) return { message };
  const isRequest = withMethod.id !== undefined && withMethod.id !== null;
  if (!isRequest) return { drop: `Ignored ${withMethod.method}: ${problem}.` };
  const params: InvalidParams = { method: withMethod.method, problem };
  return { message: { ...withMethod, method: INVALID_PARAMS_METHOD, params } as RequestMessage };
}
