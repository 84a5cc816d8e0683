import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const problems = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
    return '';
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.message;
  }
};

describe('the first admin in the configuration', () => {
  it('is optional, and its email is kept in lower case', () => {
    expect(loadConfig({}).adminEmail).toBeUndefined();
    expect(loadConfig({ ADMIN_EMAIL: ' Admin@Example.ORG ', ADMIN_PASSWORD: 'a long admin pass phrase' }).adminEmail).toBe('admin@example.org');
  });

  it('needs both the email and the password, naming the one that is missing', () => {
    expect(problems({ ADMIN_EMAIL: 'admin@example.org' })).toContain('ADMIN_PASSWORD: is needed with ADMIN_EMAIL');
    expect(problems({ ADMIN_PASSWORD: 'a long admin pass phrase' })).toContain('ADMIN_EMAIL: is needed with ADMIN_PASSWORD');
  });

  it('holds the password to the rules every password meets, and never repeats it in the message', () => {
    const short = problems({ ADMIN_EMAIL: 'admin@example.org', ADMIN_PASSWORD: 'short1' });
    expect(short).toContain('ADMIN_PASSWORD: Use at least 10 characters');
    expect(short).not.toContain('short1');
    expect(problems({ ADMIN_EMAIL: 'admin@example.org', ADMIN_PASSWORD: 'password123' })).toContain('ADMIN_PASSWORD: This password is one of the most common ones');
    expect(problems({ ADMIN_EMAIL: 'admin@example.org', ADMIN_PASSWORD: 'Admin@Example.org' })).toContain('ADMIN_PASSWORD: must not be the admin’s email address');
    expect(problems({ ADMIN_EMAIL: 'not an email', ADMIN_PASSWORD: 'a long admin pass phrase' })).toContain('ADMIN_EMAIL: must be an email address');
  });
});
