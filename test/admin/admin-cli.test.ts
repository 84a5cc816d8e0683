import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startService, type RunningService } from '../support/service.ts';
import { adminEmail, adminEnv, adminPassword, signIn, signUp } from '../sharing/sharing-harness.ts';

const run = promisify(execFile);

/** `npm run admin -- …` as a separate process, as an admin would run it; stdin is not a terminal. */
function cli(url: string, env: Record<string, string | undefined>, ...args: string[]) {
  const cleanEnv = { ...process.env, REDBAG_ADMIN_EMAIL: undefined, REDBAG_ADMIN_PASSWORD: undefined, REDBAG_PASSWORD: undefined, REDBAG_URL: undefined, ...env };
  return run(process.execPath, ['scripts/admin.ts', ...args, '--url', url], { env: cleanEnv });
}

describe('the admin command-line tool, against a running service', () => {
  let svc: RunningService;
  const asAdmin = { REDBAG_ADMIN_EMAIL: adminEmail, REDBAG_ADMIN_PASSWORD: adminPassword };
  beforeAll(async () => {
    svc = await startService('sqlite', adminEnv);
  });
  afterAll(async () => svc.stop());

  it('makes an organisation and a professional in it, lists both, and the professional signs in', async () => {
    const org = await cli(svc.url, asAdmin, 'create-organization', '--name', 'Lakeside Local Area Coordination', '--type', 'local-area-coordination');
    const organization = /(Organization\/[A-Za-z0-9.-]+)/.exec(org.stdout)?.[1];
    expect(org.stdout).toContain('Made the organisation "Lakeside Local Area Coordination"');
    expect(organization).toBeDefined();

    const pro = await cli(svc.url, { ...asAdmin, REDBAG_PASSWORD: 'district nurse bicycle' },
      'create-professional', '--email', 'jo.reid@lakeside.example.org', '--name-given', 'Jo', '--name-family', 'Reid', '--organization', organization!, '--role', 'coordinator');
    expect(pro.stdout).toMatch(/Made a coordinator account for Jo Reid \(jo\.reid@lakeside\.example\.org\) in Organization\/\S+: PractitionerRole\/\S+/);

    // The admin's email may also be given as --email where the command has no email of its own.
    const orgs = await cli(svc.url, { REDBAG_ADMIN_PASSWORD: adminPassword }, 'list-organizations', '--email', adminEmail);
    expect(orgs.stdout).toContain(`${organization}  Lakeside Local Area Coordination  [local-area-coordination]`);
    const pros = await cli(svc.url, asAdmin, 'list-professionals');
    expect(pros.stdout).toMatch(/PractitionerRole\/\S+ {2}Jo Reid {2}jo\.reid@lakeside\.example\.org {2}coordinator in Organization\//);

    const jo = await signIn(svc.url, 'jo.reid@lakeside.example.org', 'district nurse bicycle');
    expect(jo.body.practitionerRole).toMatch(/^PractitionerRole\//);
  });

  it('takes the new password from --password, with a warning that others can see it', async () => {
    const org = await cli(svc.url, asAdmin, 'create-organization', '--name', 'Brightside Home Care', '--type', 'home-care-provider');
    const organization = /(Organization\/[A-Za-z0-9.-]+)/.exec(org.stdout)![1]!;
    const pro = await cli(svc.url, asAdmin, 'create-professional', '--email', 'kim@brightside.example.org', '--name-given', 'Kim', '--name-family', 'Lee',
      '--organization', organization, '--role', 'home-care-worker', '--password', 'kettle on at four');
    expect(pro.stderr).toContain('can be seen by other users of this computer');
    await signIn(svc.url, 'kim@brightside.example.org', 'kettle on at four');
  });

  it('says plainly what is wrong, naming the option to fix, and changes nothing', async () => {
    await expect(cli(svc.url, asAdmin, 'create-organization', '--name', 'X', '--type', 'zoo'))
      .rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('--type: Say what kind of organisation it is') });
    await expect(cli(svc.url, { ...asAdmin, REDBAG_PASSWORD: 'password123' }, 'create-professional', '--email', 'a@example.org', '--name-given', 'A', '--name-family', 'B', '--organization', 'Organization/nope', '--role', 'clinician'))
      .rejects.toMatchObject({ stderr: expect.stringContaining('--password: This password is one of the most common ones') });
    await expect(cli(svc.url, { ...asAdmin, REDBAG_PASSWORD: 'a long enough phrase' }, 'create-professional', '--email', 'a@example.org', '--name-given', 'A', '--name-family', 'B', '--organization', 'Organization/nope', '--role', 'clinician'))
      .rejects.toMatchObject({ stderr: expect.stringContaining('--organization: There is no organisation Organization/nope') });
    await expect(cli(svc.url, asAdmin, 'create-professional', '--email', 'a@example.org'))
      .rejects.toMatchObject({ stderr: expect.stringContaining('create-professional needs --name-given, --name-family, --organization, --role') });
    await expect(cli(svc.url, asAdmin, 'make-coffee')).rejects.toMatchObject({ stderr: expect.stringContaining('"make-coffee" is not a command of this tool') });
    const listed = await cli(svc.url, asAdmin, 'list-professionals');
    expect(listed.stdout).not.toContain('a@example.org');
  });

  it('refuses a wrong admin password, someone who is not an admin, and a missing password with no terminal to ask at', async () => {
    await expect(cli(svc.url, { ...asAdmin, REDBAG_ADMIN_PASSWORD: 'not the right one' }, 'list-organizations'))
      .rejects.toMatchObject({ stderr: 'The admin email address or password was not accepted.\n' });
    const rina = await signUp(svc.url, 'Rina', 'Shah');
    await expect(cli(svc.url, { REDBAG_ADMIN_EMAIL: rina.email, REDBAG_ADMIN_PASSWORD: rina.password }, 'list-organizations'))
      .rejects.toMatchObject({ stderr: expect.stringContaining(`${rina.email} is not a Red Bag administrator`) });
    await expect(cli(svc.url, { REDBAG_ADMIN_EMAIL: adminEmail }, 'list-organizations'))
      .rejects.toMatchObject({ stderr: expect.stringContaining('Give the admin\'s password in REDBAG_ADMIN_PASSWORD') });
  });

  it('says so when no service answers at the address', async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    await expect(cli(nobody, asAdmin, 'list-organizations')).rejects.toMatchObject({ stderr: expect.stringContaining(`Could not reach Red Bag at ${nobody}`) });
  });
});
