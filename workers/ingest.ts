// Entry point of the ingest worker: parsing and storing datasets off the page's thread.
import * as Comlink from 'comlink';
import { createIngestService } from '../src/lib/services/ingest-service';

Comlink.expose(createIngestService());
