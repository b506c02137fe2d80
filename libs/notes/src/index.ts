export { createNotesRunner, type NotesRunner, type NotesRunnerOptions } from './runner';
export { takeSnapshot, type SnapshotDeps, type SnapshotOutcome } from './snapshot';
export { createAttendanceEndpoint, type AttendanceEndpointOptions } from './attendance-endpoint';
export { removeRoom } from './room-removal';
export { decideRoomRemoval, personKeyOf, retryDelayMs } from './policy';
export { addedLines } from './line-diff';
export { authorsOfDiffHtml, type DiffAuthor } from './diff-authors';
