// The CLI contract other tools rely on: exact JSON on success; on input that cannot be imported, exit 1,
// one sentence on stderr, nothing on stdout, and the library exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync, truncateSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { tmpDir } from '../helpers/tmp'

const ROOT = resolve(import.meta.dirname, '../..')
const SAMPLE = resolve(ROOT, 'tests/fixtures/import/hf-daily-papers-sample.txt')
const tmp = tmpDir()
const db = join(tmp.dir, 'lib.db')
afterAll(() => tmp.cleanup())

function cli(...args: string[]) {
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/main/cli.ts'), ...args, '--db', db],
    {
      cwd: ROOT,
      encoding: 'utf8'
    }
  )
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** Every row of every table, in a stable order: equal dumps mean the library is unchanged. */
function dump(): string {
  const d = new Database(db, { readonly: true })
  try {
    const tables = d
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
      )
      .pluck()
      .all() as string[]
    return JSON.stringify(tables.map((t) => [t, d.prepare(`SELECT * FROM "${t}" ORDER BY 1`).raw().all()]))
  } finally {
    d.close()
  }
}

beforeAll(() => {
  const r = cli('import', SAMPLE, '--json')
  expect(r.status, r.stderr).toBe(0)
})

describe('cli import', () => {
  it('reports exactly one JSON object, and a second import adds nothing', () => {
    const r = cli('import', SAMPLE, '--json')
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({
      format: 'hf-text',
      found: 208,
      added: 0,
      duplicates: 208,
      warnings: []
    })
    expect(r.stdout.trim().split('\n')).toHaveLength(1)
  })

  const bad = (): Array<[string, string, RegExp]> => {
    const files = join(tmp.dir, 'bad')
    mkdirSync(files, { recursive: true })
    const f = (name: string, data: string | Buffer): string => {
      writeFileSync(join(files, name), data)
      return join(files, name)
    }
    const big = f('huge.txt', '')
    // A sparse file: over the 200 MB cap without writing 200 MB.
    truncateSync(big, 201 * 1024 * 1024)
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex')
    return [
      ['empty file', f('empty.txt', ''), /empty/i],
      ['whitespace only', f('blank.txt', ' \n\t\n  \r\n'), /only blank lines/],
      ['PNG renamed .txt', f('image.txt', png), /PNG|image|binary/i],
      ['ZIP', f('archive.html', Buffer.from('504b0304140000000800', 'hex')), /ZIP|archive|binary/i],
      ['folder', files, /folder/],
      ['missing file', join(files, 'nope.txt'), /does not exist/],
      ['over the size cap', big, /201 MB; digests larger than 200 MB are not imported/],
      [
        'no paper recognised',
        f('prose.txt', 'Dear all,\nthe meeting moves to Tuesday.\nBest, Ana\n'),
        /No papers/
      ],
      ['unknown forced format', SAMPLE, /Unknown format/]
    ]
  }

  it('refuses each bad input with one sentence, exit 1, nothing on stdout, and the library unchanged', () => {
    for (const [what, path, message] of bad()) {
      const before = dump()
      const r =
        what === 'unknown forced format'
          ? cli('import', path, '--json', '--format', 'docx')
          : cli('import', path, '--json')
      expect(r.status, what).toBe(1)
      expect(r.stdout, what).toBe('')
      expect(r.stderr.trim().split('\n'), what).toHaveLength(1)
      expect(r.stderr, what).toMatch(message)
      expect(dump(), what).toBe(before)
    }
  })
})

describe('cli list and export', () => {
  it('lists papers as JSON with the documented fields', () => {
    const r = cli('list', '--json', '--limit', '2')
    const papers = JSON.parse(r.stdout) as Array<Record<string, unknown>>
    expect(papers).toHaveLength(2)
    for (const key of [
      'id',
      'title',
      'authors',
      'abstract',
      'url',
      'arxivId',
      'links',
      'read',
      'starred',
      'tags',
      'note',
      'addedAt'
    ]) {
      expect(papers[0]).toHaveProperty(key)
    }
    expect(new Date(papers[0]?.addedAt as string).toISOString()).toBe(papers[0]?.addedAt)
  })

  it('exports to a file and refuses an unknown format', () => {
    const out = join(tmp.dir, 'all.bib')
    expect(cli('export', '--format', 'bibtex', '--out', out).status).toBe(0)
    const bad = cli('export', '--format', 'docx')
    expect(bad.status).toBe(1)
    expect(bad.stderr).toMatch(/--format must be one of bibtex, ris, csv, json, markdown/)
  })

  it('rejects an unknown command or flag with a pointer to help', () => {
    expect(cli('frobnicate').stderr).toMatch(/Unknown command "frobnicate"/)
    const r = cli('list', '--colour')
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/help/)
  })
})
