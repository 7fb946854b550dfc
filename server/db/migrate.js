// Versioned migrations: db/migrations/NNN_name.sql, applied in order, each in one transaction
// that also records it in schema_migrations, so a migration is applied entirely or not at all.
// Servers starting together on one database take an advisory lock, so each migration runs once.
import { readdir, readFile } from 'node:fs/promises';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const FILE_NAME = /^(\d{3})_([a-z0-9_]+)\.sql$/;
// An arbitrary constant naming this server's migration lock.
const MIGRATION_LOCK = 7_201_014;

/** The migrations on disk, in version order: [{version, name, file}]. */
export async function listMigrations(dir = MIGRATIONS_DIR) {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  return files.map((file) => {
    const match = FILE_NAME.exec(file);
    if (!match) throw new Error(`migration file ${file} is not named NNN_name.sql`);
    return { version: Number(match[1]), name: match[2], file };
  });
}

/** The versions applied so far, ascending. */
export async function appliedVersions(db) {
  const rows = await db.query(`SELECT version FROM schema_migrations ORDER BY version`);
  return rows.map((r) => r.version);
}

/**
 * Applies every migration not applied yet, up to version `to` (all by default); `dir` (a file
 * URL ending in /) holds them.
 * @returns {Promise<number[]>} the versions applied now
 */
export async function migrate(db, { to = Infinity, dir = MIGRATIONS_DIR } = {}) {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied = [];
  for (const migration of await listMigrations(dir)) {
    if (migration.version > to) break;
    const sql = await readFile(new URL(migration.file, dir), 'utf8');
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (done.length) return false;
      await tx.exec(sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}
