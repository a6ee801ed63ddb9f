import type * as vscode from 'vscode';

/**
 * The Labelbox API key in VS Code's SecretStorage (the OS keychain), never in settings or
 * files. One key per API origin: changing labelboxImport.apiEndpoint never sends a stored key
 * to another server without the user typing it again.
 */
export class ApiKeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  get(origin: string): Thenable<string | undefined> {
    return this.secrets.get(secretId(origin));
  }

  store(origin: string, key: string): Thenable<void> {
    return this.secrets.store(secretId(origin), key);
  }

  delete(origin: string): Thenable<void> {
    return this.secrets.delete(secretId(origin));
  }
}

function secretId(origin: string): string {
  return `labelboxImport.apiKey:${origin}`;
}
