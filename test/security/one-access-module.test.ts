import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const srcDir = new URL('../../src', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(srcDir).map((path) => ({ path: relative(srcDir, path), text: readFileSync(path, 'utf8') }));
const outsideAccess = files.filter((f) => !f.path.startsWith('access/'));

/**
 * Issue 13, finding 3 (the emergency part): who may break the glass was decided in the emergency
 * service, and the grant lived in a side table (`EmergencyAccess/<id>`) rather than in the record.
 */
describe('emergency access is decided by the one access module, from the record', () => {
  it('no rule about which role may break the glass lives outside src/access', () => {
    const escaped = outsideAccess.filter((f) => /role\s*[!=]==?\s*'clinician'/.test(f.text)).map((f) => f.path);
    expect(escaped).toEqual([]);
  });

  it('no emergency access is kept outside the record (no side table, no EmergencyAccess/ references)', () => {
    // The frozen baseline migration still creates the old table, so databases made before keep their history; nothing reads it.
    const code = files.filter((f) => !f.path.startsWith('store/migrations/'));
    const sideTable = code.filter((f) => /emergency_accesses|EmergencyAccess\//.test(f.text)).map((f) => f.path);
    expect(sideTable).toEqual([]);
  });
});
