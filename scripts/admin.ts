/**
 * npm run admin — the Red Bag administrator's command-line tool. It talks to a running service
 * over the same /admin API as any other tool (see README, "Organisations and professionals").
 */
import { parseArgs } from 'node:util';
import { AdminToolError, ask, signInAsAdmin, type AdminClient } from './admin-client.ts';

const usage = `Usage: npm run admin -- <command> [options]

Commands:
  create-organization --name "<name>" --type <type>
      type: hospital-discharge-team, home-care-provider, gp-practice, local-area-coordination
  create-professional --email <email> --name-given <first name> --name-family <last name>
                      --organization Organization/<id> --role <role> [--password <password>]
      role: discharge-coordinator, home-care-worker, coordinator, clinician
      The new professional's password comes from REDBAG_PASSWORD, or is asked for.
  list-organizations
  list-professionals
  remove-professional --practitioner-role PractitionerRole/<id>
      Closes the account of a professional who has left; she is signed out at once.

Options for every command:
  --url <address>        the running service (default http://localhost:3000, or REDBAG_URL)
  --admin-email <email>  the admin's email (or REDBAG_ADMIN_EMAIL; commands other than
                         create-professional also take it as --email)
The admin's password comes from REDBAG_ADMIN_PASSWORD, or is asked for.`;

const { positionals, values } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        'admin-email': { type: 'string' },
        email: { type: 'string' },
        password: { type: 'string' },
        name: { type: 'string' },
        type: { type: 'string' },
        'name-given': { type: 'string' },
        'name-family': { type: 'string' },
        organization: { type: 'string' },
        role: { type: 'string' },
        'practitioner-role': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    // parseArgs says e.g. "Unknown option '--nmae'": keep its words, add the way out.
    return fail(`${(err as Error).message}\n\n${usage}`);
  }
})();

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const command = positionals[0];
if (values.help || !command) {
  process.stdout.write(`${usage}\n`);
  process.exit(command || values.help ? 0 : 1);
}

const commands: Record<string, (admin: AdminClient) => Promise<void>> = {
  'create-organization': async (admin) => {
    const made = (await admin.post('/admin/organizations', { name: values.name, type: values.type })) as { organization: string };
    say(`Made the organisation "${values.name}" (${values.type}): ${made.organization}`);
  },

  'create-professional': async (admin) => {
    const password = await newProfessionalPassword();
    const made = (await admin.post('/admin/professionals', {
      email: values.email,
      password,
      name: { given: values['name-given'], family: values['name-family'] },
      organization: values.organization,
      role: values.role,
    })) as { practitionerRole: string };
    say(`Made a ${values.role} account for ${values['name-given']} ${values['name-family']} (${values.email}) in ${values.organization}: ${made.practitionerRole}`);
    say('They sign in at Red Bag with that email address and password.');
  },

  'list-organizations': async (admin) => {
    const { organizations } = (await admin.get('/admin/organizations')) as { organizations: Array<{ organization: string; name?: string; type?: string }> };
    if (organizations.length === 0) return say('There are no organisations yet.');
    for (const o of organizations) say(`${o.organization}  ${o.name ?? '(no name)'}  [${o.type ?? 'other'}]`);
  },

  'list-professionals': async (admin) => {
    const { professionals } = (await admin.get('/admin/professionals')) as {
      professionals: Array<{ practitionerRole: string; name: string; email?: string; organization: string; role?: string; active: boolean }>;
    };
    if (professionals.length === 0) return say('There are no professionals yet.');
    for (const p of professionals) {
      say(`${p.practitionerRole}  ${p.name || '(no name)'}  ${p.email ?? ''}  ${p.role ?? ''} in ${p.organization}${p.active ? '' : '  (removed)'}`);
    }
  },

  'remove-professional': async (admin) => {
    const given = values['practitioner-role'];
    if (!given) throw new AdminToolError('Say which professional: --practitioner-role PractitionerRole/<id> (list-professionals shows them).');
    const id = given.replace(/^PractitionerRole\//, '');
    await admin.delete(`/admin/professionals/${encodeURIComponent(id)}`);
    say(`Removed PractitionerRole/${id}: the account is closed and every session of it has ended.`);
  },
};

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** --password is allowed (scripts need it) but others on the machine can read a command line. */
async function newProfessionalPassword(): Promise<string> {
  if (values.password !== undefined) {
    process.stderr.write('Note: a password given with --password can be seen by other users of this computer; REDBAG_PASSWORD is safer.\n');
    return values.password;
  }
  if (process.env.REDBAG_PASSWORD) return process.env.REDBAG_PASSWORD;
  const missing = 'Give the new professional\'s password in REDBAG_PASSWORD (or with --password).';
  const first = await ask('Password for the new professional: ', { secret: true, missing });
  if ((await ask('The same password again: ', { secret: true, missing })) !== first) throw new AdminToolError('The two passwords were not the same. Nothing was changed.');
  return first;
}

async function adminCredentials(): Promise<{ email: string; password: string }> {
  const email =
    values['admin-email'] ??
    process.env.REDBAG_ADMIN_EMAIL ??
    (command === 'create-professional' ? undefined : values.email) ??
    (await ask('Admin email address: ', { secret: false, missing: 'Give the admin\'s email address with --admin-email (or REDBAG_ADMIN_EMAIL).' }));
  const password =
    process.env.REDBAG_ADMIN_PASSWORD ??
    (await ask(`Password for ${email}: `, { secret: true, missing: 'Give the admin\'s password in REDBAG_ADMIN_PASSWORD.' }));
  return { email: email.trim(), password };
}

/** Options a command cannot do without: said at once, before anyone is asked for a password. The API checks the values. */
const requiredOptions: Record<string, Array<keyof typeof values>> = {
  'create-organization': ['name', 'type'],
  'create-professional': ['email', 'name-given', 'name-family', 'organization', 'role'],
};

const run = commands[command];
if (!run) fail(`"${command}" is not a command of this tool.\n\n${usage}`);
const missing = (requiredOptions[command] ?? []).filter((option) => values[option] === undefined);
if (missing.length > 0) fail(`${command} needs ${missing.map((m) => `--${m}`).join(', ')}. (npm run admin -- --help lists every option.)`);
const url = values.url ?? process.env.REDBAG_URL ?? 'http://localhost:3000';
if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) fail(`--url must be an address like http://localhost:3000, not "${url}".`);
try {
  const { email, password } = await adminCredentials();
  await run(await signInAsAdmin(url, email, password));
} catch (err) {
  if (err instanceof AdminToolError) fail(err.message);
  throw err;
}
