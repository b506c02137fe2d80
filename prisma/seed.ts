// Demo data for the local run (`npm start`): idempotent.
import { disconnectAll, getDb, seedDemo } from '../libs/data/src/index';

const url = process.env['DATABASE_URL'];
if (!url) {
  process.stderr.write('padmeet seed: DATABASE_URL is not set\n');
  process.exit(1);
}
await seedDemo(getDb(url));
await disconnectAll();
