import type { SqlExecutor } from '../sql/executor.ts';
import type { LinkRepository } from '../port/links.ts';

export function linkFileMethods(db: SqlExecutor): Pick<LinkRepository, 'addLinkFile' | 'takeLinkFile'> {
  return {
    async addLinkFile(file, now) {
      // Used and expired files are of no use to anyone: cleared as new ones are made.
      await db.run('DELETE FROM health_link_files WHERE expires_at <= ? OR used_at IS NOT NULL', [now]);
      await db.run('INSERT INTO health_link_files (id, link_id, jwe, expires_at) VALUES (?, ?, ?, ?)', [file.id, file.linkId, file.jwe, file.expiresAt]);
    },
    async takeLinkFile(id, now) {
      // One statement: two GETs at once cannot both take it.
      const [row] = await db.all<{ link_id: string; jwe: string }>(
        'UPDATE health_link_files SET used_at = ? WHERE id = ? AND used_at IS NULL AND expires_at > ? RETURNING link_id, jwe',
        [now, id, now],
      );
      return row ? { linkId: row.link_id, jwe: row.jwe } : undefined;
    },
  };
}
