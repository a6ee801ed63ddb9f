/**
 * `npm start`: the quickest way to try the extension. Checks what the machine needs first (one
 * message lists all that is missing), packages the extension, then serves a browser VS Code
 * (code-server, installed once into .vscode-test/) on 127.0.0.1 with the VSIX installed, opened
 * on a scratch copy of examples/ (made when missing) so that edits and saves never touch the
 * tracked files. Prints the address to open; Ctrl+C stops it.
 * PORT chooses the port (default 8080, or any free one when 8080 is taken).
 */
import { createServer } from 'node:net';
import path from 'node:path';
import { freePort } from '../test/e2e/harness/codeServer';
import { prerequisitesProblem } from '../test/e2e/harness/installCodeServer';
import { run } from '../test/e2e/harness/run';
import { serveExamples } from './examplesServer';

const ROOT = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const problem = prerequisitesProblem(ROOT);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  console.log('Packaging the extension…');
  await run('npm', ['run', 'package'], { cwd: ROOT });
  const home = path.join(ROOT, '.vscode-test', 'start');
  const port = Number(process.env.PORT) || ((await isFree(8080)) ? 8080 : await freePort());
  // Settings, state and the scratch copy are kept between runs; only the extension is replaced.
  const { server, logFile, folder, copied } = await serveExamples({ root: ROOT, home, keep: true, port });
  const shown = path.relative(process.cwd(), folder);
  console.log(
    [
      '',
      'VS Code with the Labelbox import extension is running. Open this in your browser:',
      '',
      `  ${server.url}`,
      '',
      `It shows ${copied ? 'a fresh' : 'your'} scratch copy of examples/ in ${shown}: edits and saves stay there (delete it to start over).`,
      `The log is in ${path.relative(process.cwd(), logFile)}. Press Ctrl+C to stop.`,
    ].join('\n'),
  );

  const stop = () => void server.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // npm does not always pass its signals on: stop too when npm itself has gone.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && stop(), 1_000).unref();
  server.process.once('exit', (code) => {
    console.error(`code-server stopped (exit code ${code}).`);
    process.exit(code ?? 1);
  });
}

async function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
