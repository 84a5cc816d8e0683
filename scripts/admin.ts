/**
 * The admin's command-line tool: the same /admin API the service offers, over HTTP.
 *
 *   npm run admin -- create-organization --name "Northgate Hospital discharge team" --type hospital-discharge-team
 *   npm run admin -- create-professional --email sam@northgate.example --given Sam --family Patel \
 *                     --organization Organization/<id> --role discharge-coordinator
 *   npm run admin -- list-organizations
 *   npm run admin -- list-professionals
 *   npm run admin -- remove-professional --practitioner-role PractitionerRole/<id>
 *
 * Options for every command: --url (default http://localhost:3000), --admin-email (or
 * REDBAG_ADMIN_EMAIL). Passwords come from the environment (REDBAG_ADMIN_PASSWORD, and
 * REDBAG_PASSWORD for a new professional), never from the command line, where others could see them.
 */
import { parseArgs } from 'node:util';

const usage = `Usage: npm run admin -- <command> [options]
Commands: create-organization, create-professional, list-organizations, list-professionals, remove-professional
Every command needs REDBAG_ADMIN_EMAIL (or --admin-email) and REDBAG_ADMIN_PASSWORD.`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: process.env.REDBAG_URL ?? 'http://localhost:3000' },
    'admin-email': { type: 'string', default: process.env.REDBAG_ADMIN_EMAIL },
    name: { type: 'string' },
    type: { type: 'string' },
    email: { type: 'string' },
    given: { type: 'string' },
    family: { type: 'string' },
    organization: { type: 'string' },
    role: { type: 'string' },
    'practitioner-role': { type: 'string' },
  },
});

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function call(method: string, path: string, token?: string, body?: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  let response: Response;
  try {
    response = await fetch(`${values.url}${path}`, {
      method,
      headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    fail(`Could not reach Red Bag at ${values.url}. Is the service running?`);
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const issues = (json?.issue ?? []) as { details?: { text?: string }; expression?: string[] }[];
    fail(issues.length ? issues.map((i) => `${i.expression?.length ? `${i.expression.join(', ')}: ` : ''}${i.details?.text ?? ''}`).join('\n') : `The service answered ${response.status}.`);
  }
  return json;
}

const command = positionals[0];
if (!command) fail(usage);
const adminEmail = values['admin-email'];
const adminPassword = process.env.REDBAG_ADMIN_PASSWORD;
if (!adminEmail || !adminPassword) fail('Set REDBAG_ADMIN_EMAIL (or --admin-email) and REDBAG_ADMIN_PASSWORD to the admin’s sign-in.');
const token = (await call('POST', '/auth/login', undefined, { email: adminEmail, password: adminPassword })).access_token as string;

switch (command) {
  case 'create-organization': {
    const made = await call('POST', '/admin/organizations', token, { name: values.name, type: values.type });
    process.stdout.write(`Created ${made.organization}\n`);
    break;
  }
  case 'create-professional': {
    const password = process.env.REDBAG_PASSWORD ?? fail('Set REDBAG_PASSWORD to the new professional’s first password.');
    const made = await call('POST', '/admin/professionals', token, {
      email: values.email,
      password,
      name: { given: values.given, family: values.family },
      organization: values.organization,
      role: values.role,
    });
    process.stdout.write(`Created ${made.practitionerRole}\n`);
    break;
  }
  case 'list-organizations': {
    for (const o of (await call('GET', '/admin/organizations', token)).organizations) process.stdout.write(`${o.organization}\t${o.type ?? ''}\t${o.name ?? ''}\n`);
    break;
  }
  case 'list-professionals': {
    for (const p of (await call('GET', '/admin/professionals', token)).professionals) {
      process.stdout.write(`${p.practitionerRole}\t${p.role ?? ''}\t${p.name}\t${p.email ?? ''}\t${p.organization}${p.active ? '' : '\t(removed)'}\n`);
    }
    break;
  }
  case 'remove-professional': {
    const id = (values['practitioner-role'] ?? fail('Say which: --practitioner-role PractitionerRole/<id>')).replace(/^PractitionerRole\//, '');
    await call('DELETE', `/admin/professionals/${encodeURIComponent(id)}`, token);
    process.stdout.write(`Removed PractitionerRole/${id}: the account is closed and signed out\n`);
    break;
  }
  default:
    fail(usage);
}
