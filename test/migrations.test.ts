import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SchemaBehindCode } from '../services/platform/migrate';
import { runSubgraph } from '../services/platform/run';
import { contractsSubgraph } from '../services/contracts/module';

/**
 * A subgraph process does not migrate on start unless told to: on a database older than its
 * code it refuses to start, naming what is missing; once migrated (`npm run migrate`, or
 * MIGRATE_ON_START) it starts and reports ready.
 */
describe('a subgraph on a schema older than its code', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cchub-start-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to start naming the missing migrations, and starts once they are applied', async () => {
    const url = `sqlite:${join(dir, 'contracts.sqlite')}`;
    const options = { databaseUrl: url, port: 0, jwtSecret: 'x'.repeat(40) };
    const refused = runSubgraph(contractsSubgraph, { ...options, migrate: false });
    await expect(refused).rejects.toBeInstanceOf(SchemaBehindCode);
    await expect(refused).rejects.toThrow(new RegExp(`lacks ${contractsSubgraph.migrations.length} migration\\(s\\) this code needs: ${(contractsSubgraph.migrations[0] as any).name}`));
    const migrating = await runSubgraph(contractsSubgraph, { ...options, migrate: true });
    await migrating.stop();
    const started = await runSubgraph(contractsSubgraph, { ...options, migrate: false });
    try {
      expect((await fetch(started.server.url.replace('/graphql', '/health/ready'))).status).toBe(200);
      expect((await fetch(started.server.url.replace('/graphql', '/health/live'))).status).toBe(200);
    } finally {
      await started.stop();
    }
  });
});
