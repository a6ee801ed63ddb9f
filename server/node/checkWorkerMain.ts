/**
 * The check worker's bundle (dist/checkWorker.js), with the schema's validators precompiled
 * as in the server and the CLI. The worker starts serving when its module loads, but checks
 * only when a message comes, after the validators below are in place.
 */
import * as precompiledValidators from 'labelbox-import:precompiled-schema';
import { getLanguageService } from '../../service';
import './checkWorker';

getLanguageService({ precompiledSchema: precompiledValidators });
