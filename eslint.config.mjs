// ESLint (flat config) with typescript-eslint. Prettier formats (.prettierrc.json), so no style
// rules here. Product code is linted with type information (each layer's own tsconfig); tests,
// benchmarks and scripts without, which keeps `npm run lint` fast.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const PRODUCT = ['common/**/*.ts', 'service/**/*.ts', 'server/**/*.ts', 'client/**/*.ts', 'webview/**/*.ts'];
const NO_NODE = 'No Node here: this code also runs in the preview page.';

/** Imports a layer may not make. `tsc -b` refuses them too (test/unit/layers.test.ts); these say why, in words. */
function layer(files, patterns, { ignores = [], node = true } = {}) {
  const all = patterns.map(([group, message]) => (typeof group === 'string' ? { regex: group, message } : { group, message }));
  if (!node) all.push({ group: ['node:*'], message: NO_NODE });
  return { files, ignores, rules: { 'no-restricted-imports': ['error', { patterns: all }] } };
}
const NO_EDITOR = ['^vscode($|-languageclient|-languageserver($|/))', 'No editor and no LSP here: that code belongs in server/lsp/ or client/.'];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'out/',
      'node_modules/',
      '.vscode-test/',
      'test-results/',
      'bench/generated/',
      'test/fixtures/',
      'test/e2e/fixtures/',
      'examples/',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // A variable assigned once, after a closure that reads it was made, stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      'no-restricted-syntax': ['error', { selector: 'ForInStatement', message: 'for…in also walks inherited keys: use Object.keys/entries or a Map.' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: PRODUCT,
    extends: [tseslint.configs.recommendedTypeCheckedOnly],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // The parser compares character codes with a const enum of them.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    // Tests load files by computed paths (test/unit/index.ts) and the e2e runner loads VS Code's modules.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  layer(
    ['common/**/*.ts'],
    [[['**/service/**', '**/server/**', '**/client/**', '**/webview/**'], 'common/ imports nothing of the layers above it.'], NO_EDITOR],
    { ignores: ['common/node/**'], node: false },
  ),
  layer(['service/**/*.ts'], [[['**/server/**', '**/client/**', '**/webview/**'], 'The service imports only common/.'], NO_EDITOR], { node: false }),
  layer(
    ['server/**/*.ts'],
    [
      ['(^|/)service/(?!index$)', 'Use the service through service/index.ts, its public API.'],
      [['**/client/**', '**/webview/**'], 'The server imports service/ and common/ only.'],
    ],
  ),
  layer(
    ['client/**/*.ts'],
    [[['**/service/**', '**/server/**', '**/webview/**'], 'The client talks to the server over LSP and to the page by messages: it imports common/ only.']],
  ),
  layer(
    ['webview/**/*.ts'],
    [
      ['^vscode', 'The page has no vscode API but acquireVsCodeApi().'],
      [['**/service/**', '**/server/**', '**/client/**', '**/common/node/**'], 'The page imports common/ only.'],
    ],
    { node: false },
  ),
  {
    files: ['client/**/*.ts'],
    ignores: ['client/settings.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='getConfiguration']", message: 'Read settings in client/settings.ts.' },
        { selector: 'ForInStatement', message: 'for…in also walks inherited keys: use Object.keys/entries or a Map.' },
      ],
    },
  },
  prettier,
);
