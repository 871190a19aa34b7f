import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { dropMysqlDatabase, openDatabase } from './database';
import { migrateDatabase, missingMigrations, requireCurrentSchema } from './migrate';

/** A gate the first migration waits at, so a test can hold a run inside its lock. */
function gate(): { open: () => void; opened: Promise<void>; entered: Promise<void>; enter: () => void } {
  let open!: () => void;
  let enter!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const entered = new Promise<void>((resolve) => (enter = resolve));
  return { open, opened, entered, enter };
}

let current = gate();

class First1700000000001 implements MigrationInterface {
  name = 'First1700000000001';
  async up(qr: QueryRunner): Promise<void> {
    await qr.query('CREATE TABLE first_table (id INT PRIMARY KEY)');
    current.enter();
    await current.opened;
  }
  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP TABLE first_table');
  }
}

class Second1700000000002 implements MigrationInterface {
  name = 'Second1700000000002';
  async up(qr: QueryRunner): Promise<void> {
    await qr.query('CREATE TABLE second_table (id INT PRIMARY KEY)');
  }
  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP TABLE second_table');
  }
}

const MIGRATIONS = [First1700000000001, Second1700000000002];

const open = (url: string, migrations: Function[] = MIGRATIONS) => openDatabase({ url, entities: [], migrations, migrate: false });

/**
 * Two runs at once on one database: the first takes the lock and stops inside its first
 * migration; the second must report that it waits, and may finish only after the first, having
 * found nothing to do.
 */
async function twoRunsAtOnce(a: DataSource, b: DataSource): Promise<void> {
  current = gate();
  const order: string[] = [];
  const first = migrateDatabase(a).then((run) => (order.push('first'), run));
  await current.entered;
  let waiting!: () => void;
  const secondWaits = new Promise<void>((resolve) => (waiting = resolve));
  const second = migrateDatabase(b, { onWait: waiting }).then((run) => (order.push('second'), run));
  await secondWaits;
  expect(order).toEqual([]);
  current.open();
  const [one, other] = await Promise.all([first, second]);
  expect(order).toEqual(['first', 'second']);
  expect(one.applied).toEqual(['First1700000000001', 'Second1700000000002']);
  expect(other.applied).toEqual([]);
  expect(await missingMigrations(b)).toEqual([]);
  const tables = await b.query(`SELECT COUNT(*) AS n FROM second_table`);
  expect(Number(tables[0].n)).toBe(0);
}

describe('migrations as a step of their own', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cchub-migrate-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('SQLite file: two runs at once, one applies, the other waits and finds nothing to do', async () => {
    const url = `sqlite:${join(dir, 'two-runs.sqlite')}`;
    const a = await open(url);
    const b = await open(url);
    try {
      await twoRunsAtOnce(a, b);
    } finally {
      await a.destroy();
      await b.destroy();
    }
  });

  it('names the migrations a database lacks', async () => {
    const url = `sqlite:${join(dir, 'behind.sqlite')}`;
    const older = await open(url, [Second1700000000002]);
    try {
      await migrateDatabase(older);
    } finally {
      await older.destroy();
    }
    const db = await open(url);
    try {
      expect(await missingMigrations(db)).toEqual(['First1700000000001']);
      await expect(requireCurrentSchema(db, 'contracts')).rejects.toThrow(
        'the contracts database lacks 1 migration(s) this code needs: First1700000000001; run `npm run migrate contracts`',
      );
    } finally {
      await db.destroy();
    }
  });
});

const mysqlBase = /^(mysql|mariadb):\/\//.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL! : null;
// GET_LOCK is MySQL's; on SQLite (the default run) there is no server to race on.
const onMysql = mysqlBase ? describe : describe.skip;

onMysql('migrations on MySQL/MariaDB (skipped unless DATABASE_URL is mysql://: the lock under test is GET_LOCK)', () => {
  it('two runs at once: one applies, the other waits for the lock and finds nothing to do', async () => {
    const url = new URL(mysqlBase!);
    url.pathname = `/tmig${randomBytes(4).toString('hex')}`;
    const a = await open(url.toString());
    const b = await open(url.toString());
    try {
      await twoRunsAtOnce(a, b);
    } finally {
      await a.destroy();
      await b.destroy();
      await dropMysqlDatabase(url.toString());
    }
  });
});
