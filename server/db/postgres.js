// The query interface over a PostgreSQL server (node-postgres pool). Every storage exposes the
// same four calls, so the rest of the server runs the same SQL on either:
//   query(sql, params) -> rows     exec(sql) (several statements, no parameters)
//   transaction(work(tx)) -> what work returns (tx has query and exec; rolled back if it throws)
//   close()
import pg from 'pg';

export async function openPostgres({ connectionString, maxConnections = 10, searchPath } = {}) {
  const pool = new pg.Pool({
    connectionString,
    max: maxConnections,
    // A schema of its own (tests, a migration rehearsal) without a database of its own.
    ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
  });
  // An idle client's connection dropping must not take the process down.
  pool.on('error', () => {});
  const onClient = (client) => ({
    query: async (sql, params) => (await client.query(sql, params)).rows,
    exec: async (sql) => { await client.query(sql); },
  });
  return {
    kind: 'postgres',
    query: async (sql, params) => (await pool.query(sql, params)).rows,
    exec: async (sql) => { await pool.query(sql); },
    async transaction(work) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await work(onClient(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => { broken = true; });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
