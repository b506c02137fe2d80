import type { SignalingRequestOf, SignalingRequestType, SignalingResponseData } from '@padmeet/contract';
import type { JoinTokenVerifier } from '@padmeet/join-token';
import type { RtcTransportConfig } from '../config';
import type { LoadTestOptions } from '../load-test';
import type { RoomBans } from '../moderation/bans';
import type { PeerSession } from '../session';
import type { AttendanceReporter } from '../attendance-reporter';

export interface HandlerContext {
  session: PeerSession;
  rtc: Pick<RtcTransportConfig, 'initialAvailableOutgoingBitrate'>;
  /** Checks the tokens of `refreshToken` (the same verifier as the upgrade). */
  verifier: JoinTokenVerifier;
  /** Who moderators removed from which room (refused at `join`); one per server. */
  bans: RoomBans;
  /** Set only when the SFU runs with load testing on: plain SRTP transports for load-test tokens. */
  loadTest?: LoadTestOptions;
  /** Joins told to the web app (attendance); leaves are told by the session. */
  attendance?: AttendanceReporter;
}

export type Handler<T extends SignalingRequestType> = (
  context: HandlerContext,
  request: SignalingRequestOf<T>,
) => Promise<SignalingResponseData<T>>;

export type HandlerTable = { [T in SignalingRequestType]: Handler<T> };
