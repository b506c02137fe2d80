import { AppError, isAppError } from '@padmeet/util';

/**
 * Runs a mediasoup call fed with client-supplied parameters (RTP parameters,
 * DTLS parameters...). mediasoup validates them; its complaint becomes a
 * BAD_INPUT answer to that client instead of an internal error.
 */
export async function withClientInput<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isAppError(error)) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError('BAD_INPUT', { userMessage: `${what} was rejected: ${detail}`, cause: error });
  }
}
