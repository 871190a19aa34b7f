import {
  checkJwtSecret,
  DEVELOPMENT_JWT_SECRET,
  deriveDatabaseUrl,
  intFromEnv,
  isProduction,
  jwtMaxLifetimeSeconds,
  jwtSecret,
  subgraphDatabaseUrl,
  subgraphTimeoutMs,
} from './config';

// Every test passes its own env object; process.env is never read or changed.

describe('deriveDatabaseUrl', () => {
  it('puts one file per subgraph in a sqlite directory', () => {
    expect(deriveDatabaseUrl('sqlite:data', 'contracts')).toBe('sqlite:data/contracts.sqlite');
    expect(deriveDatabaseUrl('sqlite:/var/lib/hub', 'contracts')).toBe('sqlite:/var/lib/hub/contracts.sqlite');
  });

  it('drops trailing slashes and treats an empty sqlite directory as the current one', () => {
    expect(deriveDatabaseUrl('sqlite:data//', 'contracts')).toBe('sqlite:data/contracts.sqlite');
    expect(deriveDatabaseUrl('sqlite:', 'contracts')).toBe('sqlite:./contracts.sqlite');
  });

  it('keeps sqlite::memory: as is (each subgraph opens its own in-memory database)', () => {
    expect(deriveDatabaseUrl('sqlite::memory:', 'contracts')).toBe('sqlite::memory:');
  });

  it('appends the subgraph to a mysql database prefix, keeping credentials and options', () => {
    expect(deriveDatabaseUrl('mysql://hub:s3cret@db:3306/cchub', 'contracts')).toBe('mysql://hub:s3cret@db:3306/cchub_contracts');
    expect(deriveDatabaseUrl('mysql://hub:p%40ss@db/hub?ssl=true', 'contracts')).toBe('mysql://hub:p%40ss@db/hub_contracts?ssl=true');
  });

  it('uses the cchub prefix when the mysql URL has no path', () => {
    expect(deriveDatabaseUrl('mysql://hub:s3cret@db:3306', 'contracts')).toBe('mysql://hub:s3cret@db:3306/cchub_contracts');
    expect(deriveDatabaseUrl('mysql://hub:s3cret@db:3306/', 'contracts')).toBe('mysql://hub:s3cret@db:3306/cchub_contracts');
  });

  it('accepts mariadb:// like mysql://', () => {
    expect(deriveDatabaseUrl('mariadb://hub@db/cchub', 'contracts')).toBe('mariadb://hub@db/cchub_contracts');
  });

  it('refuses an unsupported scheme without echoing the rest of the URL (it may hold a password)', () => {
    const run = () => deriveDatabaseUrl('postgres://hub:s3cret@db/cchub', 'contracts');
    expect(run).toThrow('DATABASE_URL must start with sqlite: or mysql:// (got postgres:…)');
    expect(run).not.toThrow(/s3cret/);
  });

  it('keeps the root directory for sqlite:/ instead of falling back to the current directory', () => {
    expect(deriveDatabaseUrl('sqlite:/', 'contracts')).toBe('sqlite:/contracts.sqlite');
  });

  it('drops a trailing slash from a mysql database prefix as it does for a sqlite directory', () => {
    expect(deriveDatabaseUrl('mysql://root@db:3306/hub/', 'contracts')).toBe('mysql://root@db:3306/hub_contracts');
  });
});

describe('subgraphDatabaseUrl', () => {
  it('prefers CONTRACTS_DATABASE_URL, used as is', () => {
    const env = { CONTRACTS_DATABASE_URL: 'mysql://own@db/exact', DATABASE_URL: 'sqlite:data' };
    expect(subgraphDatabaseUrl('contracts', env)).toBe('mysql://own@db/exact');
  });

  it('otherwise derives from DATABASE_URL', () => {
    expect(subgraphDatabaseUrl('contracts', { DATABASE_URL: 'mysql://hub@db/prod' })).toBe('mysql://hub@db/prod_contracts');
  });

  it('ignores an empty CONTRACTS_DATABASE_URL', () => {
    expect(subgraphDatabaseUrl('contracts', { CONTRACTS_DATABASE_URL: '', DATABASE_URL: 'sqlite::memory:' })).toBe('sqlite::memory:');
  });

  it('defaults to sqlite files under data/', () => {
    expect(subgraphDatabaseUrl('contracts', {})).toBe('sqlite:data/contracts.sqlite');
  });
});

describe('jwtSecret', () => {
  const strong = 'x'.repeat(32);

  it('uses HUB_JWT_SECRET of at least 32 characters in production', () => {
    expect(jwtSecret({ NODE_ENV: 'production', HUB_JWT_SECRET: strong })).toBe(strong);
  });

  it('refuses to start in production without HUB_JWT_SECRET', () => {
    expect(() => jwtSecret({ NODE_ENV: 'production' })).toThrow(/HUB_JWT_SECRET is required/);
    // An empty value counts as missing, not as a (short) secret.
    expect(() => jwtSecret({ NODE_ENV: 'production', HUB_JWT_SECRET: '' })).toThrow(/HUB_JWT_SECRET is required/);
  });

  it('refuses a secret shorter than 32 characters in production', () => {
    expect(() => jwtSecret({ NODE_ENV: 'production', HUB_JWT_SECRET: 'x'.repeat(31) })).toThrow(/at least 32 characters/);
  });

  it('falls back to a development secret outside production', () => {
    const fallback = jwtSecret({});
    expect(fallback).toMatch(/development/);
    expect(jwtSecret({ NODE_ENV: 'test' })).toBe(fallback);
    expect(jwtSecret({ NODE_ENV: 'development' })).toBe(fallback);
  });

  it('refuses the development secret in production also when HUB_JWT_SECRET is set to it (issue 9)', () => {
    expect(() => jwtSecret({ NODE_ENV: 'production', HUB_JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toThrow(/development JWT secret is refused/);
    expect(jwtSecret({ NODE_ENV: 'development', HUB_JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toBe(DEVELOPMENT_JWT_SECRET);
  });

  it('refuses the development secret in production also when it is passed in code (checkJwtSecret, run by the gateway and every subgraph)', () => {
    expect(() => checkJwtSecret(DEVELOPMENT_JWT_SECRET, true)).toThrow(/development JWT secret is refused/);
    expect(() => checkJwtSecret('short', true)).toThrow(/at least 32 characters/);
    expect(() => checkJwtSecret(strong, true)).not.toThrow();
    expect(() => checkJwtSecret(DEVELOPMENT_JWT_SECRET, false)).not.toThrow();
  });

  it('accepts a short secret outside production', () => {
    expect(jwtSecret({ NODE_ENV: 'development', HUB_JWT_SECRET: 'short' })).toBe('short');
  });

  it('treats only the exact value "production" as production', () => {
    expect(isProduction({ NODE_ENV: 'production' })).toBe(true);
    expect(isProduction({ NODE_ENV: 'Production' })).toBe(false);
    expect(isProduction({})).toBe(false);
  });
});

describe('intFromEnv', () => {
  it('returns the fallback when the variable is unset or empty', () => {
    expect(intFromEnv('GATEWAY_MAX_DEPTH', 12, {})).toBe(12);
    expect(intFromEnv('GATEWAY_MAX_DEPTH', 12, { GATEWAY_MAX_DEPTH: '' })).toBe(12);
  });

  it('parses a positive whole number', () => {
    expect(intFromEnv('GATEWAY_MAX_DEPTH', 12, { GATEWAY_MAX_DEPTH: '20' })).toBe(20);
  });

  it.each(['0', '-3', '1.5', 'twelve', ' '])('refuses %j, naming the variable and the value', (raw) => {
    expect(() => intFromEnv('GATEWAY_MAX_DEPTH', 12, { GATEWAY_MAX_DEPTH: raw })).toThrow(
      `GATEWAY_MAX_DEPTH must be a positive whole number (got "${raw}")`,
    );
  });
});

describe('token lifetime and timeouts', () => {
  it('caps a token at 24 hours unless HUB_JWT_MAX_LIFETIME_SECONDS says otherwise', () => {
    expect(jwtMaxLifetimeSeconds({})).toBe(86_400);
    expect(jwtMaxLifetimeSeconds({ HUB_JWT_MAX_LIFETIME_SECONDS: '3600' })).toBe(3600);
    expect(() => jwtMaxLifetimeSeconds({ HUB_JWT_MAX_LIFETIME_SECONDS: '-1' })).toThrow(/positive whole number/);
  });

  it('waits 10 s for a subgraph unless SUBGRAPH_TIMEOUT_MS says otherwise', () => {
    expect(subgraphTimeoutMs({})).toBe(10_000);
    expect(subgraphTimeoutMs({ SUBGRAPH_TIMEOUT_MS: '2500' })).toBe(2500);
  });
});
