// The query interface (see postgres.js) over PGlite: PostgreSQL compiled to wasm, in this
// process, keeping its data in a folder (in memory without one). It has one connection: its
// transactions run one at a time, and plain queries wait for them.
import { PGlite } from '@electric-sql/pglite';

export async function openPglite({ dataDir } = {}) {
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  const onConnection = (connection) => ({
    query: async (sql, params) => (await connection.query(sql, params)).rows,
    exec: async (sql) => { await connection.exec(sql); },
  });
  return {
    kind: 'pglite',
    ...onConnection(db),
    transaction: (work) => db.transaction((tx) => work(onConnection(tx))),
    close: () => db.close(),
  };
}
