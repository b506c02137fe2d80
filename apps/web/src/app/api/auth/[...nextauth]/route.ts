import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions } from '../../../../server/auth';

type Context = { params: Promise<{ nextauth: string[] }> };

// Built per request so that `next build` does not need the runtime environment.
const handler = (request: NextRequest, context: Context) => NextAuth(request, context, authOptions()) as Promise<Response>;

export { handler as GET, handler as POST };
