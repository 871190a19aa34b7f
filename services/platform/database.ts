import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, DataSourceOptions, Logger, MixedList, QueryRunner } from 'typeorm';
import { migrateDatabase, MIGRATIONS_TABLE, SQLITE_BUSY_TIMEOUT_MS } from './migrate';

/**
 * Counts the SQL statements a data source runs. Tests use it to prove a request costs a
 * bounded number of queries; it never logs the statements themselves.
 */
export class QueryCounter implements Logger {
  count = 0;

  logQuery(): void {
    this.count += 1;
  }
  logQueryError(error: string | Error, query: string): void {
    if (process.env.HUB_LOG_SQL_ERRORS) console.error('SQL error', error, query);
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}

  reset(): void {
    this.count = 0;
  }
}

export type Dialect = 'sqlite' | 'mysql';

export function dialectOf(url: string): Dialect {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) return 'mysql';
  throw new Error(`unsupported database URL scheme: ${url.split(':')[0]}`);
}

/**
 * The dialect behind a data source or a transaction's entity manager, for SQL written per
 * dialect; null for anything else that runs queries (a test's stub).
 */
export function sqlDialect(db: object): Dialect | null {
  const source = db instanceof DataSource ? db : (db as { dataSource?: unknown }).dataSource;
  if (!(source instanceof DataSource)) return null;
  const type = source.options.type;
  return type === 'better-sqlite3' ? 'sqlite' : type === 'mysql' || type === 'mariadb' ? 'mysql' : null;
}

function mysqlDatabaseName(url: URL): string {
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]{1,64}$/.test(name)) {
    throw new Error(`MySQL database name must be 1-64 letters, digits or underscores (got "${name}")`);
  }
  return name;
}

async function withMysqlServer<T>(url: URL, run: (conn: import('mysql2/promise').Connection) => Promise<T>): Promise<T> {
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection({
    host: url.hostname,
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
  });
  try {
    return await run(conn);
  } finally {
    await conn.end();
  }
}

/** Creates the MySQL database of a URL when it is missing (each subgraph owns one). */
export async function ensureMysqlDatabase(rawUrl: string): Promise<void> {
  const url = new URL(rawUrl);
  const name = mysqlDatabaseName(url);
  await withMysqlServer(url, (conn) =>
    conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`),
  );
}

/** Drops a MySQL database; for test clean-up only. */
export async function dropMysqlDatabase(rawUrl: string): Promise<void> {
  const url = new URL(rawUrl);
  const name = mysqlDatabaseName(url);
  await withMysqlServer(url, (conn) => conn.query(`DROP DATABASE IF EXISTS \`${name}\``));
}

export interface OpenDatabaseOptions {
  url: string;
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
  logger?: Logger;
  /** Run pending migrations (under the migration lock, see migrate.ts) before returning; the default. */
  migrate?: boolean;
}

export function dataSourceOptions(options: OpenDatabaseOptions): DataSourceOptions {
  const common = {
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: MIGRATIONS_TABLE,
    synchronize: false,
    logger: options.logger,
  };
  if (dialectOf(options.url) === 'sqlite') {
    const path = options.url.slice('sqlite:'.length) || ':memory:';
    return {
      ...common,
      type: 'better-sqlite3',
      database: path,
      // WAL lets readers run while a batch upload writes.
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        if (path !== ':memory:') db.pragma('journal_mode = WAL');
        db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      },
    };
  }
  const url = new URL(options.url);
  return {
    ...common,
    type: 'mysql',
    host: url.hostname,
    port: url.port ? Number(url.port) : 3306,
    username: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
    database: mysqlDatabaseName(url),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: false,
    extra: { connectionLimit: 10 },
  };
}

/** Opens (creating where needed) one subgraph's database, and migrates it unless told not to. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DataSource> {
  const dialect = dialectOf(options.url);
  if (dialect === 'sqlite') {
    const path = options.url.slice('sqlite:'.length);
    if (path && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  } else {
    await ensureMysqlDatabase(options.url);
  }
  const dataSource = new DataSource(dataSourceOptions(options));
  await dataSource.initialize();
  if (options.migrate !== false) {
    try {
      await migrateDatabase(dataSource);
    } catch (error) {
      await dataSource.destroy();
      throw error;
    }
  }
  return dataSource;
}

/** Column type for long JSON documents: TEXT is enough on SQLite, MySQL's TEXT stops at 64 KiB. */
export function longTextType(queryRunner: QueryRunner): string {
  return queryRunner.connection.options.type === 'mysql' ? 'longtext' : 'text';
}

/** True when an error is a unique-constraint violation on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; message?: string };
  return e?.code === 'ER_DUP_ENTRY' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** A Date as a raw-SQL parameter, stored the way TypeORM stores datetime columns on each dialect. */
export function dateParameter(db: DataSource, date: Date): Date | string {
  return db.options.type === 'mysql' ? date : date.toISOString().replace('T', ' ').replace('Z', '');
}

/** Placeholders for a multi-row VALUES list. */
export function valuesPlaceholders(rows: number, columns: number): string {
  const row = `(${new Array(columns).fill('?').join(', ')})`;
  return new Array(rows).fill(row).join(', ');
}

/** INSERT … that replaces a row with the same key: the upsert clause of each dialect. */
export function upsertSql(db: DataSource, table: string, columns: readonly string[], key: readonly string[], rows: number): string {
  const insert = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${valuesPlaceholders(rows, columns.length)}`;
  const updated = columns.filter((c) => !key.includes(c));
  if (db.options.type === 'mysql') {
    return `${insert} ON DUPLICATE KEY UPDATE ${updated.map((c) => `${c} = VALUES(${c})`).join(', ')}`;
  }
  return `${insert} ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updated.map((c) => `${c} = excluded.${c}`).join(', ')}`;
}
