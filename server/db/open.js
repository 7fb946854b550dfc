// Opens the configured storage and brings its schema up to date: a PostgreSQL server when a
// connection string is given, PGlite (data folder, or memory) otherwise.
import { migrate } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

export async function openStorage({ databaseUrl, dataDir, searchPath, maxConnections, migrateTo } = {}) {
  const db = databaseUrl
    ? await openPostgres({ connectionString: databaseUrl, searchPath, maxConnections })
    : await openPglite({ dataDir });
  try {
    await migrate(db, { to: migrateTo });
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return db;
}
