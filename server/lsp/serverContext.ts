import type { Connection } from 'vscode-languageserver';
import type { ImageResolver, LanguageService, ValidationContext } from '../../service';
import type { DiagnosticsPublisher } from './diagnosticsPublisher';
import type { DocumentStore } from './documentStore';
import type { ServerSettings } from './settings';

/** What each feature module of the server gets to register its handlers. */
export interface ServerContext {
  connection: Connection;
  /** The language service's features (service/index.ts). */
  service: LanguageService;
  documents: DocumentStore;
  diagnostics: DiagnosticsPublisher;
  validationContextFor: (uri: string) => ValidationContext;
  settingsFor: (uri: string) => ServerSettings;
  /** Where the image thumbnails of a document's hovers come from (the preview's URL resolution). */
  imagesFor: (uri: string) => ImageResolver;
  /** Whether another import file of the workspace uses a global key (lower case), for the unique-key fix. */
  keyTakenElsewhere?: (uri: string, lowerKey: string) => boolean;
}
