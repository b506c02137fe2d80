import { AppError, isAppError } from '@padmeet/util';
import { EtherpadCallError } from './transport';

const stillWorks = 'the video room still works';

/** What went wrong, in words fit for a user (and for the person running padmeet). */
export function toAppError(
  error: unknown,
  context: { baseUrl: string; timeoutMs: number; functionName: string; padId?: string },
): AppError {
  if (isAppError(error)) return error;
  if (!(error instanceof EtherpadCallError)) {
    return new AppError('INTERNAL', {
      userMessage: `Talking to the notes server (Etherpad) failed unexpectedly; ${stillWorks}.`,
      cause: error,
    });
  }
  const { failure } = error;
  const where = `at ${context.baseUrl}`;
  switch (failure.kind) {
    case 'unreachable':
      return new AppError('UNAVAILABLE', {
        userMessage: `The notes server (Etherpad) is not reachable ${where}; ${stillWorks}.`,
        cause: error,
      });
    case 'timeout':
      return new AppError('UNAVAILABLE', {
        userMessage: `The notes server (Etherpad) ${where} did not answer within ${formatSeconds(context.timeoutMs)}; ${stillWorks}.`,
        cause: error,
      });
    case 'bad-response':
      return new AppError('UNAVAILABLE', {
        userMessage: `The server ${where} did not answer like an Etherpad (check ETHERPAD_URL); ${stillWorks}.`,
        cause: error,
      });
    case 'api':
      return apiError(failure.code, failure.message, where, context, error);
  }
}

function apiError(
  code: number,
  message: string,
  where: string,
  context: { functionName: string; padId?: string },
  cause: EtherpadCallError,
): AppError {
  // Etherpad's API codes: 1 wrong parameters, 2 internal error, 3 no such function, 4 wrong API key.
  if (code === 4) {
    return new AppError('UNAVAILABLE', {
      userMessage: `The notes server (Etherpad) ${where} refused padmeet's API key (check ETHERPAD_API_KEY); ${stillWorks}.`,
      cause,
    });
  }
  if (code === 1 && /does not exist/i.test(message)) {
    return new AppError('NOT_FOUND', {
      userMessage: context.padId ? `There are no notes for "${context.padId}" yet.` : 'Those notes do not exist.',
      cause,
    });
  }
  if (code === 3) {
    return new AppError('UNAVAILABLE', {
      userMessage: `The notes server (Etherpad) ${where} does not offer the API function ${context.functionName} (incompatible Etherpad version); ${stillWorks}.`,
      cause,
    });
  }
  if (code === 2) {
    return new AppError('UNAVAILABLE', {
      userMessage: `The notes server (Etherpad) ${where} had an internal error; ${stillWorks}.`,
      cause,
    });
  }
  return new AppError('INTERNAL', {
    userMessage: `The notes server (Etherpad) refused ${context.functionName}: ${message}.`,
    cause,
  });
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
