import { viewerFromHeaders } from '../../../server/auth';
import { webEnv } from '../../../server/env';
import { machineFigures } from '../machine';
import { sfuStatsSchema, type AdminStats } from '../stats-schema';

export const dynamic = 'force-dynamic';

const noStore = { 'cache-control': 'no-store' };

/**
 * The admin page's figures: the media server's (from its metrics listener, with the metrics
 * token; never reachable from browsers) and this machine's. Admins only, checked here on every
 * request: anonymous 401, any other role 403.
 */
export async function GET(request: Request) {
  const viewer = await viewerFromHeaders(request.headers);
  if (!viewer) return Response.json({ error: { code: 'UNAUTHENTICATED', message: 'Sign in as an admin to see the server figures.' } }, { status: 401, headers: noStore });
  if (viewer.role !== 'admin') return Response.json({ error: { code: 'FORBIDDEN', message: 'Only admins may see the server figures.' } }, { status: 403, headers: noStore });

  const env = webEnv();
  const body: AdminStats = { at: new Date().toISOString(), web: machineFigures(), sfu: null };
  try {
    const response = await fetch(`${env.SFU_METRICS_URL}/stats.json`, {
      headers: env.METRICS_TOKEN ? { authorization: `Bearer ${env.METRICS_TOKEN}` } : {},
      signal: AbortSignal.timeout(3000),
      cache: 'no-store',
    });
    if (!response.ok) throw new Error(`the SFU's metrics listener answered ${response.status}`);
    body.sfu = sfuStatsSchema.parse(await response.json());
  } catch (error) {
    body.sfuError = `The media server's figures are not available (${error instanceof Error ? error.message : String(error)}).`;
  }
  return Response.json(body, { headers: noStore });
}
