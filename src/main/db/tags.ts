// Tags: nested by '/', so `ml/vision` lives under `ml`. Every level is a real row, which keeps counts and
// renames simple: a parent's view and count include its descendants.
import type { DeletedTag, TagLink } from '../../shared/api'
import type { Db } from './connection'
import { UserError } from '../errors'

const now = (): string => new Date().toISOString()

/** Trims each level, drops empty levels: ' ml / /vision ' → 'ml/vision'. */
export function cleanTagName(raw: string): string {
  const name = raw
    .normalize('NFC')
    .split('/')
    .map((part) => part.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .join('/')
  if (!name) throw new UserError('invalid_input', 'A tag needs a name.')
  if (name.length > 200) throw new UserError('invalid_input', 'Tag names are at most 200 characters.')
  return name
}

/** SQL true when the tag name in `col` is `value` (any case) or nested below it; a `?` value binds 3 times. */
export function tagFamily(col = 'name', value = '?'): string {
  return `(${col} = ${value} OR lower(substr(${col}, 1, length(${value}) + 1)) = lower(${value} || '/'))`
}

/**
 * The id of the tag with this name (any case), creating it and its parents as needed. Children are named
 * after their parent as stored, so 'ML' and 'ml/vision' become 'ML' and 'ML/vision'.
 */
export function ensureTag(db: Db, name: string): number {
  const find = db.prepare('SELECT id, name FROM tags WHERE name = ?')
  const insert = db.prepare('INSERT INTO tags (name, created_at) VALUES (?, ?)')
  let id = 0
  let stored = ''
  for (const part of name.split('/')) {
    const level = stored ? `${stored}/${part}` : part
    const row = find.get(level) as { id: number; name: string } | undefined
    if (row) {
      id = row.id
      stored = row.name
    } else {
      id = Number(insert.run(level, now()).lastInsertRowid)
      stored = level
    }
  }
  return id
}

function tagName(db: Db, id: number): string {
  const name = db.prepare('SELECT name FROM tags WHERE id = ?').pluck().get(id) as string | undefined
  if (name === undefined) throw new UserError('not_found', 'That tag no longer exists.')
  return name
}

export function tagPapers(db: Db, ids: number[], names: string[]): TagLink[] {
  const clean = [...new Set(names.map(cleanTagName))]
  const link = db.prepare(
    'INSERT OR IGNORE INTO paper_tags (paper_id, tag_id) SELECT id, ? FROM papers WHERE id = ?'
  )
  return db.transaction(() => {
    const added: TagLink[] = []
    for (const name of clean) {
      const tagId = ensureTag(db, name)
      const stored = tagName(db, tagId)
      for (const id of ids) if (link.run(tagId, id).changes) added.push({ paperId: id, tag: stored })
    }
    return added
  })()
}

export function untagPapers(db: Db, ids: number[], names: string[]): TagLink[] {
  const find = db.prepare('SELECT id, name FROM tags WHERE name = ?')
  const unlink = db.prepare('DELETE FROM paper_tags WHERE paper_id = ? AND tag_id = ?')
  return db.transaction(() => {
    const removed: TagLink[] = []
    for (const raw of names) {
      const tag = find.get(cleanTagName(raw)) as { id: number; name: string } | undefined
      if (!tag) continue
      for (const id of ids) if (unlink.run(id, tag.id).changes) removed.push({ paperId: id, tag: tag.name })
    }
    return removed
  })()
}

/**
 * Renames a tag and its nested tags. Renaming onto an existing tag merges them: its papers keep every
 * tag they had, under the surviving name.
 */
export function renameTag(db: Db, id: number, rawName: string): { merged: boolean; name: string } {
  const to = cleanTagName(rawName)
  return db.transaction(() => {
    const from = tagName(db, id)
    if (to === from) return { merged: false, name: to }
    if (to.toLowerCase().startsWith(from.toLowerCase() + '/')) {
      throw new UserError('invalid_input', `A tag cannot move inside itself ("${from}" → "${to}").`)
    }
    const family = db
      .prepare(`SELECT id, name FROM tags WHERE ${tagFamily()} ORDER BY length(name)`)
      .all(from, from, from) as Array<{ id: number; name: string }>
    let merged = false
    for (const t of family) {
      const target = to + t.name.slice(from.length)
      const existing = db
        .prepare('SELECT id FROM tags WHERE name = ? AND id <> ?')
        .pluck()
        .get(target, t.id) as number | undefined
      if (existing !== undefined) {
        merged = true
        db.prepare(
          'INSERT OR IGNORE INTO paper_tags (paper_id, tag_id) SELECT paper_id, ? FROM paper_tags WHERE tag_id = ?'
        ).run(existing, t.id)
        db.prepare('DELETE FROM tags WHERE id = ?').run(t.id)
      } else {
        db.prepare('UPDATE tags SET name = ? WHERE id = ?').run(target, t.id)
      }
    }
    // The new name's parents must exist too (renaming 'vision' to 'ml/vision' creates 'ml').
    ensureTag(db, to)
    return { merged, name: to }
  })()
}

/** Deletes a tag with its nested tags, returning all that undo needs to put them back. */
export function deleteTag(db: Db, id: number): DeletedTag[] {
  return db.transaction(() => {
    const name = tagName(db, id)
    const family = db
      .prepare(`SELECT id, name, color, created_at FROM tags WHERE ${tagFamily()}`)
      .all(name, name, name) as Array<{ id: number; name: string; color: string | null; created_at: string }>
    const papers = db.prepare('SELECT paper_id FROM paper_tags WHERE tag_id = ? ORDER BY paper_id').pluck()
    const deleted = family.map((t) => ({
      name: t.name,
      color: t.color,
      createdAt: t.created_at,
      paperIds: papers.all(t.id) as number[]
    }))
    db.prepare(`DELETE FROM tags WHERE ${tagFamily()}`).run(name, name, name)
    return deleted
  })()
}

export function restoreTags(db: Db, tags: DeletedTag[]): void {
  db.transaction(() => {
    for (const t of tags) {
      const id = ensureTag(db, t.name)
      db.prepare('UPDATE tags SET color = ?, created_at = ? WHERE id = ?').run(t.color, t.createdAt, id)
      const link = db.prepare(
        'INSERT OR IGNORE INTO paper_tags (paper_id, tag_id) SELECT id, ? FROM papers WHERE id = ?'
      )
      for (const paperId of t.paperIds) link.run(id, paperId)
    }
  })()
}

export function setTagColor(db: Db, id: number, color: string | null): void {
  tagName(db, id)
  db.prepare('UPDATE tags SET color = ? WHERE id = ?').run(color, id)
}
