import type { SignalingRefusal } from '@padmeet/contract';
import { AppError, isAppError, type AppErrorCode } from '@padmeet/util';

/**
 * An AppError the room page shows in its own words: the error reply carries `refusal` beside
 * `code` (a full room, too many connections for one person or one join token).
 */
export class SfuRefusal extends AppError {
  constructor(
    code: AppErrorCode,
    readonly refusal: SignalingRefusal,
    userMessage: string,
  ) {
    super(code, { userMessage });
    this.name = 'SfuRefusal';
  }
}

export function refusalOf(error: unknown): SignalingRefusal | undefined {
  return isAppError(error) && error instanceof SfuRefusal ? error.refusal : undefined;
}
