import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashing with scrypt, as OWASP's password storage guidance allows: N = 2^15, r = 8,
 * p = 1 (32 MiB and some tens of milliseconds a hash on our 2-core machines), a 16-byte random salt
 * and a 64-byte key. Each hash carries its parameters — `scrypt$N$r$p$salt$key`, base64url — so
 * they can be raised later: old hashes still verify, and needsRehash() says when to upgrade one.
 */
const current = { N: 2 ** 15, r: 8, p: 1 };
const keyLength = 64;
const saltLength = 16;

interface Params {
  N: number;
  r: number;
  p: number;
}

interface ParsedHash extends Params {
  salt: Buffer;
  key: Buffer;
}

/** scrypt refuses to run when 128·N·r passes maxmem (32 MiB by default); twice that leaves room. */
const maxmemFor = (params: Params): number => 256 * params.N * params.r;

function derive(password: string, salt: Buffer, params: Params, length: number): Promise<Buffer> {
  // NFKC: the same password typed on another keyboard (composed or decomposed accents) still matches.
  const normalized = password.normalize('NFKC');
  return new Promise((resolve, reject) => {
    scrypt(normalized, salt, length, { ...params, maxmem: maxmemFor(params) }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/**
 * Reads a stored hash. The bounds keep a damaged or tampered row from asking for gigabytes of
 * memory or minutes of work; a hash outside them simply does not verify.
 */
function parse(stored: string): ParsedHash | undefined {
  const [scheme, n, r, p, salt, key, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || rest.length > 0 || !salt || !key) return undefined;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const powerOfTwo = Number.isInteger(Math.log2(params.N));
  if (!powerOfTwo || params.N < 2 ** 10 || params.N > 2 ** 20) return undefined;
  if (!Number.isInteger(params.r) || params.r < 1 || params.r > 32) return undefined;
  if (!Number.isInteger(params.p) || params.p < 1 || params.p > 16) return undefined;
  if (128 * params.N * params.r > 2 ** 30) return undefined;
  const parsed = { ...params, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
  if (parsed.salt.length < saltLength || parsed.key.length < 32 || parsed.key.length > 128) return undefined;
  return parsed;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(saltLength);
  const key = await derive(password, salt, current, keyLength);
  return ['scrypt', current.N, current.r, current.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Constant-time comparison of the derived keys; false for anything that is not a hash we can read. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed, parsed.key.length);
  return timingSafeEqual(actual, parsed.key);
}

/** True when a hash was made with other parameters than today's: re-hash it at the next sign-in. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.N !== current.N || parsed.r !== current.r || parsed.p !== current.p || parsed.key.length !== keyLength;
}

/**
 * A hash of nothing in particular, checked when the email is unknown so that the answer takes as
 * long as for a wrong password and timing does not reveal who has an account. Made once per
 * process; call it at start-up so the first unknown email does not pay for making it.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}
