/**
 * Load testing (infra/bench/capacity): synthetic participants driven from Node open plain RTP
 * transports with SRTP instead of WebRTC ones (no ICE, no DTLS; the keys travel in signaling).
 * Off unless the SFU is started with these options (apps/sfu: SFU_LOAD_TEST=on), and even then
 * only for join tokens that carry `loadTest`.
 */
export interface LoadTestOptions {
  /** Address the plain transports listen on (each on its own port of the worker's range). */
  listenIp: string;
  /** Address told to the client when it differs from `listenIp`. */
  announcedIp?: string;
}
