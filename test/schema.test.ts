import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchemas } from '../scripts/print-schema';

describe('schema/', () => {
  it('matches the code and composes without errors (run `npm run schema` after changing types)', async () => {
    // buildSchemas throws when composition reports errors.
    const fresh = await buildSchemas();
    for (const [file, text] of Object.entries(fresh)) {
      const committed = readFileSync(join(__dirname, '..', 'schema', file), 'utf8');
      expect({ file, upToDate: committed === text }).toEqual({ file, upToDate: true });
    }
  });
});
