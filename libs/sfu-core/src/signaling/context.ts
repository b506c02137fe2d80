import type { SignalingRequestOf, SignalingRequestType, SignalingResponseData } from '@padmeet/contract';
import type { RtcTransportConfig } from '../config';
import type { PeerSession } from '../session';

export interface HandlerContext {
  session: PeerSession;
  rtc: RtcTransportConfig;
}

export type Handler<T extends SignalingRequestType> = (
  context: HandlerContext,
  request: SignalingRequestOf<T>,
) => Promise<SignalingResponseData<T>>;

export type HandlerTable = { [T in SignalingRequestType]: Handler<T> };
