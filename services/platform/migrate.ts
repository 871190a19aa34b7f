import { DataSource } from 'typeorm';

/**
 * Migrations as a deploy step. `npm run migrate` (scripts/migrate.ts), or the one-shot `migrate`
 * service of docker-compose.yml, applies them before any replica starts; a subgraph process only
 * checks that its database has every migration its code knows (requireCurrentSchema) and refuses
 * to start otherwise, naming what is missing. Runs are serialised by a database lock, so two
 * deploys started together (or two replicas told to migrate on start) cannot race: one applies,
 * the other waits for the lock and then finds nothing left to do.
 */

/** Where TypeORM records applied migrations (database.ts sets the same name). */
export const MIGRATIONS_TABLE = 'schema_migrations';

/** SQLite's wait for a busy database (database.ts sets it on every connection). */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** Longest wait for another run's lock before giving up, in seconds. */
export const DEFAULT_MIGRATION_LOCK_WAIT_SECONDS = 300;

export interface MigrationRun {
  /** Names of the migrations this run applied, in order; empty when the schema was current. */
  applied: string[];
  /** Milliseconds spent waiting for another run's lock. */
  waitedMs: number;
}

/** The names of the migrations the code knows, in order. */
export function knownMigrations(db: DataSource): string[] {
  return db.migrations.map((m) => m.name ?? m.constructor.name);
}

/** Names recorded as applied; none when the table does not exist yet. */
export async function appliedMigrations(db: DataSource): Promise<string[]> {
  const runner = db.createQueryRunner();
  try {
    if (!(await runner.hasTable(MIGRATIONS_TABLE))) return [];
    const rows: Array<{ name: string }> = await runner.query(`SELECT name FROM ${MIGRATIONS_TABLE}`);
    return rows.map((r) => r.name);
  } finally {
    await runner.release();
  }
}

/** The code's migrations the database has not applied, in order. */
export async function missingMigrations(db: DataSource): Promise<string[]> {
  const applied = new Set(await appliedMigrations(db));
  return knownMigrations(db).filter((name) => !applied.has(name));
}

/** Raised when a process starts on a database older than its code. */
export class SchemaBehindCode extends Error {
  constructor(
    readonly subgraph: string,
    readonly missing: string[],
  ) {
    super(
      `the ${subgraph} database lacks ${missing.length} migration(s) this code needs: ${missing.join(', ')}; ` +
        `run \`npm run migrate ${subgraph}\` (the migrate service in docker-compose.yml) first, or set MIGRATE_ON_START=true`,
    );
    this.name = 'SchemaBehindCode';
  }
}

/** Throws SchemaBehindCode when a migration of the code is not applied. */
export async function requireCurrentSchema(db: DataSource, subgraph: string): Promise<void> {
  const missing = await missingMigrations(db);
  if (missing.length > 0) throw new SchemaBehindCode(subgraph, missing);
}

function lockName(db: DataSource): string {
  // One lock per database: subgraphs sharing a server migrate in parallel, one subgraph never twice.
  return `cchub_migrate_${String(db.options.database ?? 'default')}`.slice(0, 64);
}

/**
 * Holds the migration lock of a database while `work` runs. MySQL: GET_LOCK on one connection,
 * which another process's GET_LOCK waits for and which the server frees if this process dies.
 * SQLite: one exclusive transaction, which another process's BEGIN EXCLUSIVE waits for (polled,
 * since SQLite's own busy wait is short); TypeORM's better-sqlite3 driver has one connection, so
 * the migrations run inside it. An in-memory database belongs to one process and needs no lock.
 */
async function withMigrationLock<T>(
  db: DataSource,
  waitSeconds: number,
  onWait: (() => void) | undefined,
  work: () => Promise<T>,
): Promise<{ result: T; waitedMs: number }> {
  const started = Date.now();
  if (db.options.type === 'mysql') {
    const runner = db.createQueryRunner();
    try {
      const name = lockName(db);
      let [row] = await runner.query('SELECT GET_LOCK(?, 0) AS got', [name]);
      if (Number(row?.got) !== 1) {
        onWait?.();
        [row] = await runner.query('SELECT GET_LOCK(?, ?) AS got', [name, waitSeconds]);
      }
      if (Number(row?.got) !== 1) throw new Error(`another migration run held the lock ${name} for more than ${waitSeconds} s`);
      const waitedMs = Date.now() - started;
      try {
        return { result: await work(), waitedMs };
      } finally {
        await runner.query('SELECT RELEASE_LOCK(?)', [name]);
      }
    } finally {
      await runner.release();
    }
  }
  if (db.options.database === ':memory:' || !db.options.database) return { result: await work(), waitedMs: 0 };
  // better-sqlite3 blocks the event loop while SQLite waits: ask without waiting, and poll.
  await db.query('PRAGMA busy_timeout = 0');
  try {
    for (let waiting = false; ; ) {
      try {
        await db.query('BEGIN EXCLUSIVE');
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
        if (Date.now() - started > waitSeconds * 1000) throw new Error(`another migration run held the database for more than ${waitSeconds} s`);
        if (!waiting) onWait?.();
        waiting = true;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  } finally {
    await db.query(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  }
  const waitedMs = Date.now() - started;
  try {
    const result = await work();
    await db.query('COMMIT');
    return { result, waitedMs };
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Applies the pending migrations of an open data source under the database's migration lock.
 * The pending list is read after the lock is taken, so a run that waited finds nothing to do.
 * `seed` (demo data, a no-op on a database that has data) runs once the schema is current: under
 * the lock on MySQL, so two runs never seed at once; after it on SQLite, whose lock is a
 * transaction the seed's own transactions cannot nest in (one machine runs one SQLite hub).
 */
export async function migrateDatabase(
  db: DataSource,
  options: {
    lockWaitSeconds?: number;
    seed?: () => Promise<void>;
    /** Called once when another run holds the lock and this one starts waiting for it. */
    onWait?: () => void;
  } = {},
): Promise<MigrationRun> {
  const mysql = db.options.type === 'mysql';
  const sqliteFile = !mysql && db.options.database !== ':memory:' && !!db.options.database;
  const { result, waitedMs } = await withMigrationLock(db, options.lockWaitSeconds ?? DEFAULT_MIGRATION_LOCK_WAIT_SECONDS, options.onWait, async () => {
    const missing = await missingMigrations(db);
    // Inside SQLite's exclusive transaction the migrations cannot open transactions of their own.
    const done = missing.length === 0 ? [] : await db.runMigrations({ transaction: sqliteFile ? 'none' : 'each' });
    if (options.seed && !sqliteFile) await options.seed();
    return done.map((m) => m.name);
  });
  if (options.seed && sqliteFile) await options.seed();
  return { applied: result, waitedMs };
}
