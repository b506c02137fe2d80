/**
 * Where each part listens, per profile. `dev`/`prod` are the local run; `test`
 * uses other ports and its own database so tests can run beside a local run.
 */
export interface Profile {
  name: 'local' | 'test';
  database: string;
  ports: { web: number; auth: number; sfu: number; etherpad: number; rtcMin: number; rtcMax: number };
}

export const profiles: Record<Profile['name'], Profile> = {
  local: {
    name: 'local',
    database: 'padmeet',
    ports: { web: 3000, auth: 3001, sfu: 3002, etherpad: 9001, rtcMin: 40000, rtcMax: 40099 },
  },
  test: {
    name: 'test',
    database: 'padmeet_test',
    ports: { web: 3100, auth: 3101, sfu: 3102, etherpad: 9101, rtcMin: 40100, rtcMax: 40199 },
  },
};
