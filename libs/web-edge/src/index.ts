/**
 * What the web app's own Node server (apps/web/src/main.ts) does in front of Next: the response
 * cache and its rules for the public schedule reads, and the bus on which schedule writes reach it.
 */
export { createResponseCache, pickEncoding, type CacheRule, type FilledResponse, type ResponseCache, type ResponseCacheOptions } from './response-cache';
export { announceScheduleChange, nowNextRule, onScheduleChange, scheduleCacheRules, schedulePageRule } from './schedule-cache';
export { contentSecurityPolicy, createNonce, originOf, responseKindOf, securityHeaders, type ResponseKind, type SecurityHeaderOptions } from './security-headers';
export { createStreamLimiter, type StreamLimiter, type StreamLimitOptions, type StreamTicket } from './stream-limit';
