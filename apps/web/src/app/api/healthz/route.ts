export const dynamic = 'force-dynamic';

/** Liveness for orchestrators and the local runner. */
export function GET() {
  return Response.json({ status: 'ok' });
}
