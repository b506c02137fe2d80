export * from './env';
export * from './join-token';
export * from './room';
export * from './signaling';
export * from './viewer';
