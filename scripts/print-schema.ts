import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph } from '../gateway/supergraph';
import { DEFAULT_PORTS, SUBGRAPHS } from '../services/platform/config';
import { printSubgraphSdl } from '../services/platform/subgraph';
import { SUBGRAPH_MODULES } from '../services/registry';

/** Prints every subgraph's SDL and the composed supergraph; the schema test compares with these. */
export async function buildSchemas(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const subgraphs = [];
  for (const name of SUBGRAPHS) {
    const sdl = await printSubgraphSdl(SUBGRAPH_MODULES[name]);
    files[`${name}.graphql`] = sdl;
    // The URLs are the docker-compose service names; the gateway overrides them from <NAME>_URL.
    subgraphs.push({ name, sdl, url: `http://${name}:${DEFAULT_PORTS[name]}/graphql` });
  }
  files['supergraph.graphql'] = composeSupergraph(subgraphs);
  return files;
}

if (require.main === module) {
  buildSchemas()
    .then((files) => {
      const dir = join(__dirname, '..', '..', 'schema');
      for (const [file, text] of Object.entries(files)) {
        writeFileSync(join(dir, file), text);
        console.log(`wrote schema/${file}`);
      }
    })
    .catch((error) => {
      console.error(error.message ?? error);
      process.exit(1);
    });
}
