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
  // Every call takes its turn in one first-come-first-served line: under many concurrent
  // requests PGlite's own locking let some wait far longer than others (p99 in seconds).
  let line = Promise.resolve();
  const inTurn = (work) => {
    const turn = line.then(work);
    line = turn.catch(() => {});
    return turn;
  };
  const connection = onConnection(db);
  return {
    kind: 'pglite',
    query: (sql, params) => inTurn(() => connection.query(sql, params)),
    exec: (sql) => inTurn(() => connection.exec(sql)),
    transaction: (work) => inTurn(() => db.transaction((tx) => work(onConnection(tx)))),
    close: () => inTurn(() => db.close()),
  };
}
