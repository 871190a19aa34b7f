import { ROLES, Role, signToken } from '../services/platform/auth';
import { jwtMaxLifetimeSeconds, jwtSecret } from '../services/platform/config';

const USAGE = 'usage: npm run token -- --org <organisation id> [--roles read,write] [--sub <subject>] [--hours 12 (at most 24)]';

function parseArgs(argv: string[]): Record<string, string> {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    if (!key.startsWith('--') || argv[i + 1] === undefined) throw new Error(USAGE);
    args[key.slice(2)] = argv[++i];
  }
  return args;
}

try {
  const args = parseArgs(process.argv.slice(2));
  if (!args.org) throw new Error(USAGE);
  const roles = (args.roles ?? 'read').split(',').map((r) => r.trim());
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) throw new Error(`unknown role(s) ${unknown.join(', ')}; known: ${ROLES.join(', ')}`);
  const hours = Number(args.hours ?? 12);
  // The hub refuses tokens that live longer than HUB_JWT_MAX_LIFETIME_SECONDS (24 h by default).
  const maxHours = jwtMaxLifetimeSeconds() / 3600;
  if (!(hours > 0 && hours <= maxHours)) throw new Error(`--hours must be more than 0 and at most ${maxHours} (HUB_JWT_MAX_LIFETIME_SECONDS)`);
  console.log(signToken({ sub: args.sub ?? `dev-${args.org}`, org: args.org, roles: roles as Role[] }, jwtSecret(), hours * 3600));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
