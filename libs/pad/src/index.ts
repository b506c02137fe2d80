export {
  createPadService,
  DEFAULT_TIMEOUT_MS,
  type PadService,
  type PadServiceConfig,
} from './pad-service';
export { buildInitialPadText, type NotesTemplateInput } from './notes-template';
export { parsePadId } from './pad-id';
export { parseEtherpadUrl, type EtherpadLocation } from './etherpad-url';
export { NEWEST_KNOWN_API_VERSION } from './api-version';
export type { EtherpadTransport, EtherpadFailure } from './transport';
