import 'server-only';
import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { Viewer } from '@padmeet/contract';
import { credentialsSchema, deviceIdSchema, SESSION_MAX_AGE_SECONDS } from '@padmeet/contract';
import { createAccountSessionRepository, getDb } from '@padmeet/data';
import { clientAddressOf, isAppError } from '@padmeet/util';
import { apiDeps } from './deps';
import { webEnv } from './env';
import { servedOverHttps } from './env-schema';
import { claimsFromSignIn, sessionClaimsSchema, viewerOfHeaders } from './session';

let options: AuthOptions | undefined;

/**
 * next-auth (v4): a Credentials provider that asks apps/auth over the service
 * channel; rate limits and the password check live in apps/auth; this app never
 * sees a hash.
 *
 * Sessions: the cookie is next-auth's encrypted JWT (v4's Credentials provider
 * works only with the JWT strategy), and it names a server-side session
 * (`sid`, a row of account_session that apps/auth starts at sign-in). Every
 * request looks that row up with the account (resolveViewer; one query, which
 * the role check needed anyway), so ending the row ends the session: sign-out
 * (the signOut event below) and an admin's account.endAllSessions, whatever
 * copies of the cookie exist.
 */
export function authOptions(): AuthOptions {
  if (options) return options;
  const env = webEnv();
  options = {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'padmeet account',
        // deviceId: the browser's own ID (sign-in form, device-id.ts); a malformed one is left out.
        credentials: { username: { label: 'Username', type: 'text' }, password: { label: 'Password', type: 'password' }, deviceId: { label: 'Device', type: 'hidden' } },
        async authorize(credentials, req) {
          const parsed = credentialsSchema.safeParse(credentials ?? {});
          if (!parsed.success) throw new Error('Wrong username or password.');
          try {
            const deviceId = deviceIdSchema.safeParse(credentials?.deviceId).data ?? null;
            const account = await apiDeps().accounts.checkCredentials({ ...parsed.data, clientIp: clientAddressOf(req?.headers), deviceId });
            return { id: account.id, name: account.displayName, ...claimsFromSignIn(account) };
          } catch (error) {
            if (!isAppError(error) || error.code === 'UNAVAILABLE' || error.code === 'INTERNAL') {
              apiDeps().logger.warn({ err: isAppError(error) ? (error.cause ?? error) : error, username: parsed.data.username }, 'sign-in: the accounts service could not answer');
            }
            // next-auth passes this message to the sign-in page ("try again in N s" included).
            throw new Error(isAppError(error) ? error.userMessage : 'Signing in failed; try again in a moment.');
          }
        },
      }),
    ],
    events: {
      // The cookie is cleared by next-auth; this ends the session it names on the server.
      async signOut({ token }) {
        const claims = sessionClaimsSchema.safeParse(token);
        if (!claims.success) return;
        await apiDeps()
          .accounts.endSession({ sessionId: claims.data.sid })
          .catch((error: unknown) => apiDeps().logger.error({ err: error, userId: claims.data.sub }, 'sign-out: the session could not be ended on the server'));
      },
    },
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const claims = sessionClaimsSchema.parse(user);
          return { ...token, ...claims };
        }
        return token;
      },
      async session({ session, token }) {
        // Only what the browser may know; the server re-checks the account on every request.
        const claims = sessionClaimsSchema.safeParse(token);
        return claims.success ? { ...session, user: { name: claims.data.displayName, username: claims.data.username, role: claims.data.role } } : session;
      },
    },
  };
  return options;
}

/**
 * The signed-in viewer of a request (tRPC route handler, RSC), from the session
 * cookie, checked against the database: the session still live, the current role,
 * and void after a password change.
 */
export async function viewerFromHeaders(headers: Headers): Promise<Viewer | null> {
  const env = webEnv();
  const sessions = createAccountSessionRepository(getDb(env.DATABASE_URL));
  return viewerOfHeaders(headers, { secret: env.NEXTAUTH_SECRET, secureCookie: servedOverHttps(env), findLiveSession: (sessionId) => sessions.findAccount(sessionId) });
}
