import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { LocalHub } from '../../gateway/local-hub';
import { deriveDatabaseUrl, SUBGRAPHS } from '../../services/platform/config';
import { dialectOf, dropMysqlDatabase } from '../../services/platform/database';

/** The database the benchmark runs on: chosen, described, and removed afterwards. */

export interface Target {
  databaseUrl: string;
  dialect: 'sqlite' | 'mysql';
  display: string;
  sqliteDir?: string;
}

export function chooseDatabase(): Target {
  const configured = process.env.DATABASE_URL;
  if (!configured) {
    const dir = mkdtempSync(join(tmpdir(), 'cchub-bench-'));
    return { databaseUrl: `sqlite:${dir}`, dialect: 'sqlite', display: `sqlite:${dir}`, sqliteDir: dir };
  }
  if (dialectOf(configured) === 'mysql') {
    const url = new URL(configured);
    url.pathname = `/bench_${randomBytes(4).toString('hex')}`;
    const display = new URL(url.toString());
    if (display.password) display.password = '***';
    return { databaseUrl: url.toString(), dialect: 'mysql', display: display.toString() };
  }
  if (configured === 'sqlite::memory:') throw new Error('the benchmark runs on files like production: leave DATABASE_URL unset or give sqlite:<dir>');
  const dir = configured.slice('sqlite:'.length);
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).length > 0) throw new Error(`${dir} is not empty; the benchmark needs a fresh SQLite directory`);
  return { databaseUrl: configured, dialect: 'sqlite', display: configured };
}

export function sqliteFiles(dir: string): Record<string, number> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, statSync(join(dir, f)).size]));
}

export async function cleanUp(target: Target, hub: LocalHub | null): Promise<void> {
  if (hub) await hub.stop().catch((e) => console.error('hub stop failed:', e));
  if (process.env.BENCH_KEEP) {
    console.log(`BENCH_KEEP is set: the databases under ${target.display} are kept for inspection`);
  } else if (target.dialect === 'mysql') {
    for (const name of SUBGRAPHS) await dropMysqlDatabase(deriveDatabaseUrl(target.databaseUrl, name)).catch((e) => console.error(`drop ${name} failed:`, e));
  } else if (target.sqliteDir) {
    rmSync(target.sqliteDir, { recursive: true, force: true });
  }
}

/** A table of the same shape as interval_actuals, primary key (queue_id, start_epoch) included. */
export async function createRawTable(db: DataSource, dialect: 'sqlite' | 'mysql'): Promise<string> {
  await db.query('DROP TABLE IF EXISTS bench_raw');
  if (dialect === 'mysql') {
    await db.query('CREATE TABLE bench_raw LIKE interval_actuals');
    const [row] = await db.query('SHOW CREATE TABLE bench_raw');
    return String(row['Create Table']);
  }
  const [row] = await db.query(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'interval_actuals'`);
  const ddl = String(row.sql).replace(/^CREATE TABLE "interval_actuals"/, 'CREATE TABLE "bench_raw"');
  if (!ddl.includes('"bench_raw"')) throw new Error(`unexpected DDL of interval_actuals: ${row.sql}`);
  await db.query(ddl);
  return ddl;
}

/** Version and durability settings of the database the figures were measured on. */
export async function describeDatabase(db: DataSource, dialect: 'sqlite' | 'mysql'): Promise<Record<string, string>> {
  if (dialect === 'sqlite') {
    const [v] = await db.query('SELECT sqlite_version() AS v');
    const [j] = await db.query('PRAGMA journal_mode');
    const [s] = await db.query('PRAGMA synchronous');
    return { version: `SQLite ${v.v}`, journal_mode: String(j.journal_mode), synchronous: String(s.synchronous) };
  }
  const [r] = await db.query(
    'SELECT VERSION() AS v, @@innodb_flush_log_at_trx_commit AS flush, @@innodb_buffer_pool_size AS pool, @@log_bin AS log_bin, @@sync_binlog AS sync_binlog',
  );
  return {
    version: String(r.v),
    innodb_flush_log_at_trx_commit: String(r.flush),
    innodb_buffer_pool_size: `${Math.round(Number(r.pool) / 2 ** 20)} MiB`,
    log_bin: String(r.log_bin),
    sync_binlog: String(r.sync_binlog),
  };
}
