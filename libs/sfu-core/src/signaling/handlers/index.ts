import type { HandlerTable } from '../context';
import { closeConsumer, consume, resumeConsumer } from './consume';
import { closeProducer, pauseProducer, produce, resumeProducer } from './produce';
import { getRouterRtpCapabilities, join, leave } from './room';
import { connectTransport, createTransport, restartIce } from './transport';

/** One small handler per request type; the type system keeps this table complete. */
export const signalingHandlers: HandlerTable = {
  getRouterRtpCapabilities,
  join,
  leave,
  createTransport,
  connectTransport,
  restartIce,
  produce,
  closeProducer,
  pauseProducer,
  resumeProducer,
  consume,
  resumeConsumer,
  closeConsumer,
};
