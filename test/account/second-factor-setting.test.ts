import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

describe('SECOND_FACTOR_FOR_STAFF', () => {
  const production = { NODE_ENV: 'production', SECRET_KEY: 'a production secret key of enough length', PUBLIC_URL: 'https://redbag.example.org' };
  it('is on in production, off for the demo mode and development, and either when set', () => {
    expect(loadConfig(production).secondFactorForStaff).toBe(true);
    expect(loadConfig({}).secondFactorForStaff).toBe(false); // npm start: the demo mode
    expect(loadConfig({}).demoData).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'https://redbag.example.org' }).secondFactorForStaff).toBe(false);
    expect(loadConfig({ ...production, SECOND_FACTOR_FOR_STAFF: 'off' }).secondFactorForStaff).toBe(false);
    expect(loadConfig({ SECOND_FACTOR_FOR_STAFF: 'on' }).secondFactorForStaff).toBe(true);
    expect(() => loadConfig({ SECOND_FACTOR_FOR_STAFF: 'sometimes' })).toThrow(/SECOND_FACTOR_FOR_STAFF/);
  });
});
