import 'reflect-metadata';
import { intFromEnv, SUBGRAPHS, subgraphDatabaseUrl, SubgraphName } from '../services/platform/config';
import { openDatabase } from '../services/platform/database';
import { DEFAULT_MIGRATION_LOCK_WAIT_SECONDS, migrateDatabase } from '../services/platform/migrate';
import { SUBGRAPH_MODULES } from '../services/registry';
import { systemClock } from '../services/platform/clock';

/**
 * `npm run migrate [subgraph…]`: applies the pending migrations of every subgraph's database (or
 * of the ones named), each under its database's migration lock, so two runs started together
 * are safe: one applies, the other waits and finds nothing to do. With SEED_DEMO_DATA=true it
 * then seeds the demo data into empty databases, under the same lock (so replicas of a subgraph
 * never seed twice). The deploy runs it before the subgraphs start (the one-shot `migrate`
 * service of docker-compose.yml); it exits non-zero when a database cannot be migrated.
 */
async function main(args: string[]): Promise<void> {
  const unknown = args.filter((a) => !(SUBGRAPHS as readonly string[]).includes(a));
  if (unknown.length > 0) throw new Error(`unknown subgraph ${unknown.join(', ')}; expected some of ${SUBGRAPHS.join(', ')}`);
  const names = (args.length > 0 ? args : SUBGRAPHS) as SubgraphName[];
  const lockWaitSeconds = intFromEnv('MIGRATION_LOCK_WAIT_SECONDS', DEFAULT_MIGRATION_LOCK_WAIT_SECONDS);
  const seed = process.env.SEED_DEMO_DATA === 'true';
  for (const name of names) {
    const module = SUBGRAPH_MODULES[name];
    const db = await openDatabase({ url: subgraphDatabaseUrl(name), entities: module.entities, migrations: module.migrations, migrate: false });
    try {
      const run = await migrateDatabase(db, { lockWaitSeconds, seed: seed && module.seed ? () => module.seed!(db, systemClock()) : undefined });
      const waited = run.waitedMs > 1000 ? ` (waited ${Math.round(run.waitedMs / 1000)} s for another run)` : '';
      console.log(run.applied.length > 0 ? `${name}: applied ${run.applied.join(', ')}${waited}` : `${name}: schema current, nothing to do${waited}`);
    } finally {
      await db.destroy();
    }
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`migration failed: ${(error as Error).message}`);
  process.exit(1);
});
