/**
 * Where each part listens, per profile. `dev`/`prod` are the local run; `test`
 * uses other ports and its own databases so tests can run beside a local run.
 * Etherpad runs as several processes (PADMEET_ETHERPAD_PROCESSES) on consecutive ports from
 * `ports.etherpad`, all on the one `etherpadDatabase`.
 */
export interface Profile {
  name: 'local' | 'test';
  database: string;
  etherpadDatabase: string;
  /**
   * `rtc`: the SFU's WebRTC port (UDP and TCP) of worker 0; worker i uses rtc + i. `pad`: the web
   * server's pad listener, the pad's own origin (apps/web/src/server/env-schema.ts).
   */
  ports: { web: number; auth: number; sfu: number; pad: number; etherpad: number; rtc: number };
}

/** Etherpad processes per stack at most: the ports from `ports.etherpad` stay clear of the next block of 100. */
export const maxEtherpadProcesses = 32;

export const profiles: Record<Profile['name'], Profile> = {
  local: {
    name: 'local',
    database: 'padmeet',
    etherpadDatabase: 'padmeet_etherpad',
    ports: { web: 3000, auth: 3001, sfu: 3002, pad: 3003, etherpad: 9001, rtc: 30000 },
  },
  test: {
    name: 'test',
    database: 'padmeet_test',
    etherpadDatabase: 'padmeet_etherpad_test',
    ports: { web: 3100, auth: 3101, sfu: 3102, pad: 3103, etherpad: 9101, rtc: 30100 },
  },
};
