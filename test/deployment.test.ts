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
// `<<:` merges the shared blocks (x-service, x-telemetry) into the services, as Compose does.
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
const services = compose.services as Record<string, any>;

function knownVariable(name: string): boolean {
  if (name in ENVIRONMENT_VARIABLES) return true;
  const perSubgraph = Object.keys(ENVIRONMENT_VARIABLES).filter((v) => v.startsWith('<NAME>_')).map((v) => v.slice('<NAME>'.length));
  return SUBGRAPHS.some((s) => perSubgraph.some((suffix) => name === `${s.toUpperCase()}${suffix}`));
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
    // Migrations are a step of their own: the subgraph starts once it has run, and is ready once its database is.
    expect(service.depends_on.migrate.condition).toBe('service_completed_successfully');
    expect(service.healthcheck.test.join(' ')).toContain(`127.0.0.1:${DEFAULT_PORTS[name]}/health/ready`);
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
    expect(gateway.healthcheck.test.join(' ')).toContain(`127.0.0.1:${DEFAULT_PORTS.gateway}/health/ready`);
  });

  it('migrates every subgraph database once, before the subgraphs, and seeds there (not in replicas)', () => {
    const migrate = services.migrate;
    expect(existsSync(sourceOf(migrate.command))).toBe(true);
    expect(migrate.command[1]).toBe('dist/scripts/migrate.js');
    expect(migrate.restart).toBe('no');
    expect(migrate.depends_on.mysql.condition).toBe('service_healthy');
    for (const name of SUBGRAPHS) {
      const variable = `${name.toUpperCase()}_DATABASE_URL`;
      expect({ name, url: migrate.environment[variable] }).toEqual({ name, url: services[name].environment[variable] });
      // Replicas never seed (they would race); a subgraph whose demo data is made through the others may, as its one replica.
      if (services[name].environment.SEED_DEMO_DATA !== undefined) expect({ name, replicas: services[name].deploy?.replicas ?? 1 }).toEqual({ name, replicas: 1 });
    }
    expect(migrate.environment.SEED_DEMO_DATA).toMatch(/^\$\{SEED_DEMO_DATA/);
  });

  it('runs two replicas of the performance subgraph behind its one name', () => {
    expect(services.performance.deploy.replicas).toBeGreaterThanOrEqual(2);
    expect(services.performance.ports).toBeUndefined();
    expect(services.performance.container_name).toBeUndefined();
  });

  it('has an observability profile: a collector for traces, Prometheus scraping every service', () => {
    for (const name of ['otel-collector', 'prometheus']) expect(services[name].profiles).toEqual(['observability']);
    const collector = parse(readFileSync(join(root, 'docker/otel-collector.yaml'), 'utf8'));
    expect(collector.receivers.otlp.protocols.http.endpoint).toBe('0.0.0.0:4318');
    const prometheus = parse(readFileSync(join(root, 'docker/prometheus.yml'), 'utf8'));
    const scraped = prometheus.scrape_configs.map((c: any) => `${c.dns_sd_configs[0].names[0]}:${c.dns_sd_configs[0].port}`);
    for (const name of [...SUBGRAPHS, 'gateway'] as const) expect(scraped).toContain(`${name}:${DEFAULT_PORTS[name]}`);
    for (const [name, service] of Object.entries(services)) {
      if (service.build) expect({ name, otlp: service.environment.OTEL_EXPORTER_OTLP_ENDPOINT }).toEqual({ name, otlp: '${OTEL_EXPORTER_OTLP_ENDPOINT:-}' });
    }
  });

  it('passes only environment variables the code reads, and no secret literals', () => {
    for (const [name, service] of Object.entries(services)) {
      // The hub's own image; MySQL and the observability tools are configured their own way.
      if (!service.build) continue;
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
