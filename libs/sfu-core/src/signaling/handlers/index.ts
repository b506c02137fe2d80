import { moderate } from '../../moderation/moderate';
import type { HandlerTable } from '../context';
import { closeConsumer, consume, resumeConsumer, setConsumerViews } from './consume';
import { connectPlainTransport, createPlainTransport } from './plain';
import { closeProducer, pauseProducer, produce, resumeProducer } from './produce';
import { getRouterRtpCapabilities, join, leave, prepare, refreshToken } from './room';
import { connectTransport, createTransport, restartIce } from './transport';

/** One small handler per request type; the type system keeps this table complete. */
export const signalingHandlers: HandlerTable = {
  getRouterRtpCapabilities,
  prepare,
  join,
  leave,
  refreshToken,
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
  setConsumerViews,
  moderate,
  createPlainTransport,
  connectPlainTransport,
};
