import { importSPKI, jwtVerify, errors } from 'jose';
import { joinClaimsSchema, type JoinClaims } from '@padmeet/contract';
import { AppError } from '@padmeet/util';
import { JOIN_TOKEN_ALG, JOIN_TOKEN_AUDIENCE, JOIN_TOKEN_ISSUER } from './policy';

export interface JoinTokenVerifier {
  /**
   * Verifies signature, issuer, audience, expiry and claim shapes, and that the
   * token is for `expectedRoom` when given. Throws AppError UNAUTHENTICATED
   * (bad/expired token) or FORBIDDEN (valid token for another room).
   */
  verify(token: string, options?: { expectedRoom?: string; now?: number }): Promise<JoinClaims>;
}

export async function createJoinTokenVerifier(publicKeyPem: string): Promise<JoinTokenVerifier> {
  const key = await importSPKI(publicKeyPem, JOIN_TOKEN_ALG);
  return {
    async verify(token, options = {}) {
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, key, {
          algorithms: [JOIN_TOKEN_ALG],
          issuer: JOIN_TOKEN_ISSUER,
          audience: JOIN_TOKEN_AUDIENCE,
          currentDate: options.now === undefined ? undefined : new Date(options.now),
          requiredClaims: ['exp', 'iat', 'sub', 'jti'],
        }));
      } catch (error) {
        const userMessage =
          error instanceof errors.JWTExpired
            ? 'Your join link has expired; reload the room page to get a new one.'
            : 'Your join token is not valid; reload the room page.';
        throw new AppError('UNAUTHENTICATED', { userMessage, cause: error });
      }
      const parsed = joinClaimsSchema.safeParse(payload);
      if (!parsed.success) {
        throw new AppError('UNAUTHENTICATED', { userMessage: 'Your join token is missing grants; reload the room page.' });
      }
      if (options.expectedRoom !== undefined && parsed.data.room !== options.expectedRoom) {
        throw new AppError('FORBIDDEN', { userMessage: `This join token is for room "${parsed.data.room}", not "${options.expectedRoom}".` });
      }
      return parsed.data;
    },
  };
}
