'use strict';
/**
 * Run by `etherpad.sh run` before Etherpad starts, with Etherpad's own modules (pg, dirty) from
 * the install:
 *
 *   node prepare-db.cjs <etherpad root> <database url> <state dir>
 *
 * 1. Checks that the database answers; creates it when it does not exist yet and the role may
 *    (padmeet's role has CREATEDB). Any other failure: one line on stderr, exit 1.
 * 2. Moves an older local install's pads from the dirty file database <state dir>/etherpad.db
 *    into PostgreSQL, once: every record, in one transaction, only while the database holds no
 *    pad yet, then renames the file to etherpad.db.migrated. Processes started at the same time
 *    take turns (an advisory lock); the first migrates, the others find the file gone.
 *
 * The table is the one ueberdb2's postgres driver makes (`store`: key varchar(100), value text
 * holding JSON), so Etherpad reads the records as if it had written them.
 */
const fs = require('fs');
const path = require('path');

const [root, databaseUrl, stateDir] = process.argv.slice(2);
if (!root || !databaseUrl || !stateDir) {
  console.error('usage: node prepare-db.cjs <etherpad root> <database url> <state dir>');
  process.exit(2);
}
const fromInstall = (name) => require(path.join(root, 'node_modules', name));
const {Client} = fromInstall('pg');
const Dirty = fromInstall('dirty');

const dirtyFile = path.join(stateDir, 'etherpad.db');
const describe = (url) => {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
};
const fail = (message) => {
  console.error(`etherpad.sh: ${message}`);
  process.exit(1);
};

async function connect() {
  const client = new Client({connectionString: databaseUrl, connectionTimeoutMillis: 10000});
  try {
    await client.connect();
    return client;
  } catch (err) {
    if (err.code !== '3D000') throw err; // 3D000: database does not exist
  }
  const name = new URL(databaseUrl).pathname.replace(/^\//, '');
  const adminUrl = new URL(databaseUrl);
  adminUrl.pathname = '/postgres';
  const admin = new Client({connectionString: adminUrl.href, connectionTimeoutMillis: 10000});
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    console.error(`etherpad.sh: created the database ${describe(databaseUrl)}`);
  } catch (err) {
    if (err.code !== '42P04') { // 42P04: created meanwhile by another process
      throw new Error(`the database does not exist and could not be created (${err.message}) ` +
          '-> create it, e.g. with infra/scripts/postgres.sh');
    }
  } finally {
    await admin.end().catch(() => {});
  }
  const created = new Client({connectionString: databaseUrl, connectionTimeoutMillis: 10000});
  await created.connect();
  return created;
}

function loadDirty(file) {
  return new Promise((resolve, reject) => {
    const records = new Map();
    let corrupted = 0;
    const db = new Dirty(file);
    db.on('error', (err) => {
      // dirty reports damaged rows (e.g. a last line cut short by a crash) and goes on loading.
      if (/corrupted row|Corrupted row|Empty lines/.test(err.message)) corrupted += 1;
      else reject(err);
    });
    db.on('load', () => {
      db.forEach((key, val) => {
        if (val !== undefined) records.set(key, val);
      });
      db.close();
      resolve({records, corrupted});
    });
  });
}

async function migrate(client) {
  await client.query('BEGIN');
  try {
    // One migration at a time across processes; the loser finds the file already renamed.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('padmeet-etherpad-dirty-migration'))");
    if (!fs.existsSync(dirtyFile)) {
      await client.query('ROLLBACK');
      return;
    }
    await client.query('CREATE TABLE IF NOT EXISTS store (' +
        '"key" character varying(100) NOT NULL, "value" text NOT NULL, ' +
        'CONSTRAINT store_pkey PRIMARY KEY (key))');
    const existing = await client.query("SELECT 1 FROM store WHERE key LIKE 'pad:%' LIMIT 1");
    if (existing.rowCount > 0) {
      await client.query('ROLLBACK');
      console.error(`etherpad.sh: not moving ${dirtyFile} into PostgreSQL: the database ` +
          `${describe(databaseUrl)} already holds pads (file kept as it is)`);
      return;
    }
    const {records, corrupted} = await loadDirty(dirtyFile);
    const keys = [];
    const values = [];
    const tooLong = [];
    for (const [key, val] of records) {
      if (key.length > 100) { // the driver's key column is varchar(100): Etherpad could not store it either
        tooLong.push(key);
        continue;
      }
      keys.push(key);
      values.push(JSON.stringify(val));
    }
    for (let i = 0; i < keys.length; i += 1000) {
      await client.query(
          'INSERT INTO store (key, value) SELECT * FROM unnest($1::text[], $2::text[]) ' +
          'ON CONFLICT (key) DO UPDATE SET value = excluded.value',
          [keys.slice(i, i + 1000), values.slice(i, i + 1000)]);
    }
    await client.query('COMMIT');
    fs.renameSync(dirtyFile, `${dirtyFile}.migrated`);
    const pads = keys.filter((k) => /^pad:[^:]+$/.test(k)).length;
    console.error(`etherpad.sh: moved ${keys.length} records (${pads} pads) from ${dirtyFile} ` +
        `into PostgreSQL ${describe(databaseUrl)}; the file is now ${path.basename(dirtyFile)}.migrated` +
        (corrupted ? `; ${corrupted} damaged rows of the file skipped` : '') +
        (tooLong.length ? `; ${tooLong.length} records with keys over 100 characters skipped` : ''));
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw new Error(`could not move ${dirtyFile} into PostgreSQL (nothing changed): ${err.message}`);
  }
}

(async () => {
  let client;
  try {
    client = await connect();
  } catch (err) {
    fail(`cannot reach Etherpad's database ${describe(databaseUrl)}: ${err.message} ` +
        '-> is PostgreSQL running? (infra/scripts/postgres.sh)');
  }
  try {
    if (fs.existsSync(dirtyFile)) await migrate(client);
  } catch (err) {
    fail(err.message);
  } finally {
    await client.end().catch(() => {});
  }
})();
