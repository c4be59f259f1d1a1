// Looking into a library file from outside the app: a dump of the user's data, and every check SQLite
// offers that the file is sound.
import Database from 'better-sqlite3'

/** The tables that hold what the user has: a crash or a refused import must leave them as they were. */
export const USER_TABLES = ['digests', 'papers', 'digest_papers', 'notes', 'tags', 'paper_tags'] as const

export type Dump = Record<string, string[]>

/** Every row of the user's tables as JSON, sorted, so two dumps compare with toEqual. */
export function dumpDb(db: Database.Database): Dump {
  const out: Dump = {}
  for (const table of USER_TABLES) {
    out[table] = db
      .prepare(`SELECT * FROM ${table}`)
      .all()
      .map((row) => JSON.stringify(row))
      .sort()
  }
  return out
}

export function dumpFile(path: string): Dump {
  const db = new Database(path)
  try {
    return dumpDb(db)
  } finally {
    db.close()
  }
}

/**
 * What is wrong with the file, or [] when it is sound: page-level integrity, foreign keys, and the
 * full-text index against its content (a torn write would show as a mismatch there first).
 */
export function problems(db: Database.Database): string[] {
  const found: string[] = []
  const integrity = db.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>
  if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') {
    found.push(`integrity_check: ${integrity.map((r) => r.integrity_check).join('; ')}`)
  }
  const fk = db.pragma('foreign_key_check') as unknown[]
  if (fk.length) found.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}`)
  try {
    // rank = 1 also compares the index with the content it was built from (external-content table).
    db.prepare("INSERT INTO papers_fts(papers_fts, rank) VALUES ('integrity-check', 1)").run()
  } catch (err) {
    found.push(`fts integrity-check: ${(err as Error).message}`)
  }
  return found
}

/** Opens the file the way a restarted app would (recovering a WAL left by a crash) and checks it. */
export function problemsInFile(path: string): string[] {
  const db = new Database(path)
  try {
    return problems(db)
  } finally {
    db.close()
  }
}

/** A link Papershelf may store: an absolute http(s) URL written out plainly. */
export function isSafeLink(url: unknown): boolean {
  if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/.test(url)) return false
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(url)) return false
  try {
    const parsed = new URL(url)
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== ''
  } catch {
    return false
  }
}

/** Every stored URL that is not a plain http(s) link, as "paper <id>: <url>". */
export function unsafeLinks(db: Database.Database): string[] {
  const bad: string[] = []
  const rows = db.prepare('SELECT id, url, links FROM papers').all() as Array<{
    id: number
    url: string | null
    links: string
  }>
  for (const row of rows) {
    if (row.url !== null && !isSafeLink(row.url)) bad.push(`paper ${row.id}: url ${JSON.stringify(row.url)}`)
    const links = JSON.parse(row.links) as Array<{ url: unknown }>
    if (!Array.isArray(links)) bad.push(`paper ${row.id}: links is not a list`)
    else
      for (const link of links) {
        if (!isSafeLink(link.url)) bad.push(`paper ${row.id}: link ${JSON.stringify(link.url)}`)
      }
  }
  return bad
}

/** How many stored links there are at all, so a check for unsafe ones cannot pass on an empty table. */
export function linkCount(db: Database.Database): number {
  const rows = db.prepare('SELECT links FROM papers').pluck().all() as string[]
  return rows.reduce((n, links) => n + (JSON.parse(links) as unknown[]).length, 0)
}
