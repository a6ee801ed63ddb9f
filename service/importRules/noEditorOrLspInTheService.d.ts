// What `vscode` and `vscode-*` resolve to in the service: nothing, so that importing anything
// from them fails to compile. The service is plain TypeScript that the server, the CLI and the
// tests call; LSP and editor code belongs in server/lsp/ or client/. (A mapping to a missing
// file would fall back to node_modules.)
export {};
