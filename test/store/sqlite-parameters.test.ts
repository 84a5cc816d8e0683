import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteConnection, parametersOutOfPlanning, preparedStatements, sqliteExecutor } from '../../src/store/sql/sqlite-executor.ts';

/**
 * A SELECT's parameters reach SQLite as `+?` (sqlite-executor.ts), so the planner does not re-prepare
 * the statement each time one is bound anew. The text changes; what the statement answers must not.
 */
describe('parameters kept out of SQLite planning', () => {
  it('turns each parameter into +? and leaves quoted text as it was', () => {
    expect(parametersOutOfPlanning('SELECT a FROM t WHERE b = ? AND c IN (?, ?) LIMIT ?')).toBe('SELECT a FROM t WHERE b = +? AND c IN (+?, +?) LIMIT +?');
    expect(parametersOutOfPlanning("SELECT 'why?' AS q, x FROM t WHERE y LIKE ? ESCAPE '\\' AND z = 'it''s ?'")).toBe(
      "SELECT 'why?' AS q, x FROM t WHERE y LIKE +? ESCAPE '\\' AND z = 'it''s ?'",
    );
  });

  describe('on a real SQLite file', () => {
    let dir: string;
    let db: DatabaseSync;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'redbag-params-'));
      db = openSqliteConnection(join(dir, 'params.sqlite'));
      db.exec('CREATE TABLE places (kind TEXT NOT NULL, id TEXT NOT NULL, home TEXT NOT NULL, PRIMARY KEY (kind, id)) STRICT');
      db.exec('CREATE TABLE things (home TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (home, kind, id)) STRICT');
    });
    afterAll(() => {
      db?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('answers joins, comparisons, LIKE and LIMIT as before, bound again and again', async () => {
      // What SQLite was given to prepare: a SELECT's parameters rewritten, other statements as written.
      const prepare = preparedStatements(db);
      expect(prepare('SELECT id FROM places WHERE kind = ? AND id = ?').sourceSQL).toBe('SELECT id FROM places WHERE kind = +? AND id = +?');
      expect(prepare('INSERT INTO places (kind, id, home) VALUES (?, ?, ?)').sourceSQL).toBe('INSERT INTO places (kind, id, home) VALUES (?, ?, ?)');

      const executor = sqliteExecutor(db);
      for (let i = 0; i < 30; i++) {
        await executor.run('INSERT INTO places (kind, id, home) VALUES (?, ?, ?)', ['Goal', `g${i}`, `h${i % 3}`]);
        await executor.run('INSERT INTO things (home, kind, id, n) VALUES (?, ?, ?, ?)', [`h${i % 3}`, 'Goal', `g${i}`, i]);
      }
      const byId = 'SELECT t.id, t.n FROM places p JOIN things t ON t.home = p.home AND t.kind = p.kind AND t.id = p.id WHERE p.kind = ? AND p.id = ?';
      for (let i = 0; i < 30; i++) expect(await executor.all(byId, ['Goal', `g${i}`])).toEqual([{ id: `g${i}`, n: i }]);
      expect(await executor.all(byId, ['Goal', 'g99'])).toEqual([]);
      // An INTEGER column compared with text: the column's affinity still applies to the parameter.
      expect(await executor.all('SELECT id FROM things WHERE n = ?', ['7'])).toEqual([{ id: 'g7' }]);
      expect(await executor.all("SELECT id FROM things WHERE id LIKE ? ESCAPE '\\' ORDER BY n LIMIT ? OFFSET ?", ['g2%', 2, 1])).toEqual([{ id: 'g20' }, { id: 'g21' }]);
      expect(await executor.all("SELECT 'why?' AS q, ? AS a", ['an answer'])).toEqual([{ q: 'why?', a: 'an answer' }]);
    });
  });
});
