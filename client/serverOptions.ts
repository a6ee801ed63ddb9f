/**
 * Node options of the language server process, in one place: the client starts the server
 * with them and the benchmark (bench/bench.ts) too, so that it measures what VS Code runs.
 * None for now: larger young-generation sizes (--max-semi-space-size) and JIT flags made no
 * measurable difference to opening a 50,000-row file (see BENCHMARKS.md).
 */
export const SERVER_EXEC_ARGV: readonly string[] = [];
