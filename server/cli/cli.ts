import { EXIT_TROUBLE, main } from './main';
import * as precompiledValidators from 'labelbox-import:precompiled-schema';
import { getLanguageService } from '../../service';
import { tuneCompilerForChecking } from '../node/compilerTuning';

tuneCompilerForChecking();

// The CLI calls the service's checks (collectDiagnostics) with the schema precompiled at build time.
getLanguageService({ precompiledSchema: precompiledValidators });

// A reader that closes the pipe early (`| head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Never a stack trace for the user; the message is enough to report a bug.
    process.stderr.write(`labelbox-import: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT_TROUBLE;
  },
);
