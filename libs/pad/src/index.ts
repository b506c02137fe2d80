export {
  createPadService,
  DEFAULT_TIMEOUT_MS,
  type PadService,
  type PadServiceConfig,
  type RoomPadRef,
} from './pad-service';
export { buildInitialPadText, buildSessionSection, type NotesTemplateInput, type SessionSectionInput } from './notes-template';
export { groupPadId, isGroupId, parseGroupPadId, parsePadId } from './pad-id';
export { padProcessIndex } from './pad-process';
// Browser side (also `@padmeet/pad/preload`, free of server code): the pad page's files into the browser's cache ahead.
export { PAD_FILES_PATH, preloadPadFiles, type PreloadPadFilesOptions, type PreloadPadFilesResult } from './preload';
export { PAD_SESSION_COOKIE, PAD_SESSION_ID, padSessionIdsFromCookie } from './session-cookie';
export { parseEtherpadUrl, type EtherpadLocation } from './etherpad-url';
export { NEWEST_KNOWN_API_VERSION } from './api-version';
export type { EtherpadTransport, EtherpadFailure } from './transport';
// Notes archive (issue 12): a pad's past, for the per-session snapshots of libs/notes.
export { createPadHistory, type PadHistory } from './pad-history';
