/** The limiter lives in @padmeet/util: the web API limits room joins per client address with it too. */
export { createRateLimiter, type RateLimiter, type RateLimitDecision, type RateLimiterOptions } from '@padmeet/util';
