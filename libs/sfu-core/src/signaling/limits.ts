/** Per-peer caps: what one browser tab needs, with room to renegotiate, and no more. */
export const PEER_LIMITS = {
  /** One send and one receive transport, plus two for a replacement made before the old one closes. */
  transports: 4,
  /** 400 consumers: a large room's audio and video with room to spare (a producer per source and peer is the other cap). */
  consumers: 400,
} as const;
