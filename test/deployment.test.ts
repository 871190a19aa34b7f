import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_PORTS, ENVIRONMENT_VARIABLES, SUBGRAPH_PEERS, SUBGRAPHS } from '../services/platform/config';

/**
 * There is no Docker engine in CI, so docker-compose.yml is checked against the code: every
 * service starts an entry file that exists, listens where the others look for it, and reads
 * only environment variables the code knows.
 */
const root = join(__dirname, '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'));
const services = compose.services as Record<string, any>;

function knownVariable(name: string): boolean {
  if (name in ENVIRONMENT_VARIABLES) return true;
  return SUBGRAPHS.some((s) => ['_DATABASE_URL', '_PORT', '_URL'].some((suffix) => name === `${s.toUpperCase()}${suffix}`));
}

function sourceOf(command: string[]): string {
  expect(command[0]).toBe('node');
  expect(command[1]).toMatch(/^dist\/.+\.js$/);
  return join(root, command[1].replace(/^dist\//, '').replace(/\.js$/, '.ts'));
}

describe('docker-compose.yml', () => {
  it('runs MySQL 8 with a volume and a health check', () => {
    expect(services.mysql.image).toMatch(/^mysql:8/);
    expect(services.mysql.volumes.some((v: string) => v.startsWith('mysql-data:'))).toBe(true);
    expect(compose.volumes).toHaveProperty('mysql-data');
    expect(services.mysql.healthcheck.test.join(' ')).toContain('mysqladmin ping');
    expect(existsSync(join(root, 'docker/mysql-init/01-grants.sql'))).toBe(true);
  });

  it.each(SUBGRAPHS.map((s) => [s]))('runs the %s subgraph from its entry file, port and database', (name) => {
    const service = services[name];
    expect(service).toBeDefined();
    expect(existsSync(sourceOf(service.command))).toBe(true);
    expect(service.command[1]).toBe(`dist/services/${name}/main.js`);
    const env = service.environment;
    const upper = name.toUpperCase();
    expect(Number(env[`${upper}_PORT`])).toBe(DEFAULT_PORTS[name]);
    expect(env[`${upper}_DATABASE_URL`]).toMatch(new RegExp(`^mysql://[^@]+@mysql:3306/cchub_${name}$`));
    expect(env.NODE_ENV).toBe('production');
    expect(env.HUB_JWT_SECRET).toMatch(/^\$\{HUB_JWT_SECRET:\?/);
    expect(service.depends_on.mysql.condition).toBe('service_healthy');
    expect(service.healthcheck.test.join(' ')).toContain(`127.0.0.1:${DEFAULT_PORTS[name]}/health`);
    for (const peer of SUBGRAPH_PEERS[name]) {
      expect(env[`${peer.toUpperCase()}_URL`]).toBe(`http://${peer}:${DEFAULT_PORTS[peer]}/graphql`);
      expect(service.depends_on[peer].condition).toBe('service_healthy');
      expect(SUBGRAPHS.indexOf(peer)).toBeLessThan(SUBGRAPHS.indexOf(name));
    }
  });

  it('runs the gateway against every subgraph, published on its port', () => {
    const gateway = services.gateway;
    expect(existsSync(sourceOf(gateway.command))).toBe(true);
    expect(gateway.command[1]).toBe('dist/gateway/main.js');
    expect(Number(gateway.environment.GATEWAY_PORT)).toBe(DEFAULT_PORTS.gateway);
    expect(gateway.ports).toEqual([`${DEFAULT_PORTS.gateway}:${DEFAULT_PORTS.gateway}`]);
    for (const name of SUBGRAPHS) {
      expect(gateway.environment[`${name.toUpperCase()}_URL`]).toBe(`http://${name}:${DEFAULT_PORTS[name]}/graphql`);
      expect(gateway.depends_on[name].condition).toBe('service_healthy');
    }
  });

  it('passes only environment variables the code reads, and no secret literals', () => {
    for (const [name, service] of Object.entries(services)) {
      if (name === 'mysql') continue;
      for (const [key, value] of Object.entries(service.environment as Record<string, string>)) {
        expect({ service: name, key, known: knownVariable(key) }).toEqual({ service: name, key, known: true });
        if (/SECRET|PASSWORD/.test(key)) expect(value).toMatch(/^\$\{/);
      }
    }
  });

  it('names the subgraph URLs of the committed supergraph after the compose services', () => {
    const supergraph = readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8');
    for (const name of SUBGRAPHS) expect(supergraph).toContain(`url: "http://${name}:${DEFAULT_PORTS[name]}/graphql"`);
  });

  it('builds an image whose entry files the compose commands start', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/npm ci/);
    expect(dockerfile).toMatch(/npm run build/);
    expect(dockerfile).toMatch(/COPY --from=build \/app\/dist dist/);
    expect(dockerfile).toMatch(/COPY --from=build \/app\/schema schema/);
  });
});

describe('README', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  it('shows the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
  });
  it('documents every environment variable', () => {
    for (const name of Object.keys(ENVIRONMENT_VARIABLES)) expect({ name, documented: readme.includes(`\`${name}\``) }).toEqual({ name, documented: true });
  });
});
