import { z } from 'zod';

/** What the SFU's metrics listener answers at /stats.json (libs/sfu-core stats-sampler.ts), as far as the admin page reads it. */
export const sfuStatsSchema = z.object({
  at: z.string().nullable(),
  intervalMs: z.number(),
  machine: z.object({ cores: z.number(), load1: z.number(), load5: z.number(), load15: z.number(), cpu: z.number() }),
  workers: z.array(z.object({ slot: z.number(), pid: z.number(), cpu: z.number(), maxRssBytes: z.number() })),
  workerRestarts: z.number(),
  totals: z.object({
    rooms: z.number(),
    peers: z.number(),
    bitrateIn: z.number(),
    bitrateOut: z.number(),
    packetsInPerSecond: z.number(),
    packetsOutPerSecond: z.number(),
  }),
  rooms: z.array(
    z.object({
      room: z.string(),
      peers: z.number(),
      bitrateIn: z.number(),
      bitrateOut: z.number(),
      loss: z.number(),
      rttMs: z.number().nullable(),
      health: z.enum(['ok', 'warning']),
    }),
  ),
});
export type SfuStats = z.infer<typeof sfuStatsSchema>;

/** One answer of GET /admin/stats. */
export interface AdminStats {
  /** ISO time of this answer. */
  at: string;
  /** The web server's machine. */
  web: { cores: number; load1: number; cpu: number | null };
  /** The media server's figures, or why they are missing. */
  sfu: SfuStats | null;
  sfuError?: string;
}
