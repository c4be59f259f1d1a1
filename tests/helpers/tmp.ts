import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, type Db } from '../../src/main/db/connection'
import { writeDigest } from '../../src/main/import/importer'
import type { ParsedPaper } from '../../src/main/import/types'

/** A fresh folder under the system temp dir, removed by the returned cleanup. */
export function tmpDir(prefix = 'papershelf-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A real SQLite file in a temp folder. */
export function tmpDb(): { db: Db; path: string; cleanup: () => void } {
  const { dir, cleanup } = tmpDir()
  const path = join(dir, 'test.db')
  const db = openDatabase(path)
  return {
    db,
    path,
    cleanup: () => {
      if (db.open) db.close()
      cleanup()
    }
  }
}

export function paper(title: string, extra: Partial<ParsedPaper> = {}): ParsedPaper {
  return { title, authors: [], abstract: '', url: null, arxivId: null, doi: null, links: [], ...extra }
}

export function addDigest(db: Db, name: string, papers: ParsedPaper[]) {
  return writeDigest(db, papers, { name, source: null, format: 'hf-text', warnings: [] })
}
