export { createAccountsService, type AccountsService, type AccountsServiceDeps } from './accounts-service';
export { createAttemptGuard, SIGN_IN_LIMITS, REDEMPTION_LIMITS, type AttemptGuard, type AttemptLimits, type WindowLimit } from './attempt-guard';
export { createRateLimiter, type RateLimiter, type RateLimitDecision } from './rate-limiter';
export { generateInviteToken, hashInviteToken, inviteStatus } from './invite-token';
export { hashPassword, verifyPassword, needsRehash, parsePasswordHash, createDummyHash, DEFAULT_SCRYPT_PARAMS, type ScryptParams } from './password';
