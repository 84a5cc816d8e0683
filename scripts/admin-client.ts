/**
 * The HTTP side of `npm run admin`: signs the admin in with POST /auth/login and calls /admin, so
 * the tool can do nothing the API does not allow. Every failure becomes an AdminToolError whose
 * message is written for the person at the terminal.
 */

export class AdminToolError extends Error {}

interface OutcomeIssue {
  expression?: string[];
  details?: { text?: string };
  diagnostics?: string;
}

/** The API names fields as JSON paths (name.given); the person typed options (--name-given). */
const optionOfField: Record<string, string> = {
  'name.given': '--name-given',
  'name.family': '--name-family',
  email: '--email',
  password: '--password',
  organization: '--organization',
  role: '--role',
  name: '--name',
  type: '--type',
};

/** An OperationOutcome as lines a person reads: "--type: Say what kind of organisation it is: …". */
export function describeOutcome(status: number, body: unknown): string {
  const issues = ((body as { issue?: OutcomeIssue[] } | undefined)?.issue ?? []).filter((i) => i.details?.text ?? i.diagnostics);
  if (issues.length === 0) return `Red Bag answered with an error (HTTP ${status}) and gave no reason.`;
  return issues
    .map((issue) => {
      const field = issue.expression?.[0];
      const text = issue.details?.text ?? issue.diagnostics ?? '';
      return field && field !== '(body)' ? `${optionOfField[field] ?? field}: ${text}` : text;
    })
    .join('\n');
}

export interface AdminClient {
  get(path: string): Promise<unknown>;
  post(path: string, body: unknown): Promise<unknown>;
  delete(path: string): Promise<void>;
}

async function send(baseUrl: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  let response: Response;
  try {
    response = await fetch(new URL(path, baseUrl), {
      method,
      headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new AdminToolError(`Could not reach Red Bag at ${baseUrl}. Is the service running there? (Use --url to point at another address.)`);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    throw new AdminToolError(`The answer from ${baseUrl} was not Red Bag's (HTTP ${response.status}, not JSON). Check --url.`);
  }
  return { status: response.status, json };
}

/** Signs the admin in; a wrong password or a non-admin account is told plainly, before any change is tried. */
export async function signInAsAdmin(baseUrl: string, email: string, password: string): Promise<AdminClient> {
  const login = await send(baseUrl, 'POST', '/auth/login', undefined, { email, password });
  if (login.status === 401) throw new AdminToolError('The admin email address or password was not accepted.');
  if (login.status !== 200) throw new AdminToolError(`Signing in failed.\n${describeOutcome(login.status, login.json)}`);
  const token = (login.json as { access_token?: unknown }).access_token;
  if (typeof token !== 'string') throw new AdminToolError(`The answer from ${baseUrl} had no access token. Check --url.`);

  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const { status, json } = await send(baseUrl, method, path, token, body);
    if (status === 403) throw new AdminToolError(`${email} is not a Red Bag administrator, so this was refused.`);
    if (status >= 400) throw new AdminToolError(describeOutcome(status, json));
    return json;
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    delete: async (path) => void (await call('DELETE', path)),
  };
}

/**
 * Asks at the terminal. A secret is read with echo off (raw mode), so it is not left on the
 * screen or in the scroll-back; outside a terminal there is nobody to ask.
 */
export async function ask(question: string, options: { secret: boolean; missing: string }): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) throw new AdminToolError(options.missing);
  process.stderr.write(question);
  input.setRawMode(options.secret);
  input.setEncoding('utf8');
  input.resume();
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = '';
      const onData = (chunk: string): void => {
        for (const char of chunk) {
          if (char === '\u0003') {
            finish(() => reject(new AdminToolError('Stopped.'))); // Ctrl-C
            return;
          }
          if (char === '\r' || char === '\n') {
            finish(() => resolve(typed));
            return;
          }
          if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
          else if (char >= ' ') typed += char;
        }
      };
      const finish = (settle: () => void): void => {
        input.off('data', onData);
        if (options.secret) process.stderr.write('\n');
        settle();
      };
      input.on('data', onData);
    });
  } finally {
    input.setRawMode(false);
    input.pause();
  }
}
