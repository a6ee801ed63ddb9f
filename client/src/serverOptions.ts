/**
 * Node options of the language server process. The benchmark (bench/bench.ts) starts the
 * server with the same ones, so that what it measures is what VS Code runs.
 */
export const SERVER_EXEC_ARGV: string[] = [];
