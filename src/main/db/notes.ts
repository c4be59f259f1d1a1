import type { Db } from './connection'
import { UserError } from '../errors'

/** Saves the whole note in one statement, so the stored note is always a version the user typed. */
export function saveNote(db: Db, paperId: number, body: string): { updatedAt: string | null } {
  const exists = db.prepare('SELECT 1 FROM papers WHERE id = ?').get(paperId)
  if (!exists)
    throw new UserError('not_found', 'That paper is no longer in your library, so the note was not saved.')
  if (!body.trim()) {
    db.prepare('DELETE FROM notes WHERE paper_id = ?').run(paperId)
    return { updatedAt: null }
  }
  const updatedAt = new Date().toISOString()
  db.prepare(
    `INSERT INTO notes (paper_id, body, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(paper_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`
  ).run(paperId, body, updatedAt)
  return { updatedAt }
}
