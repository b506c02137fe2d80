export * from './time-zone';
export * from './slot';
export * from './now-next';
export * from './permissions';
export * from './room-entry';
export * from './raised-hands';
export * from './notes-access';
export * from './session-clock';
