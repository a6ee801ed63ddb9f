import type { Connection } from 'vscode-languageserver';
import type { ValidationContext } from '../service';
import type { DiagnosticsPublisher } from './diagnosticsPublisher';
import type { DocumentStore } from './documentStore';

/** What each feature module of the server gets to register its handlers. */
export interface ServerContext {
  connection: Connection;
  documents: DocumentStore;
  diagnostics: DiagnosticsPublisher;
  validationContextFor(uri: string): ValidationContext;
}
