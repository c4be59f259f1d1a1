// `npm run cli -- <command>`: the same service as the app, on the same library file.
import { basename, resolve } from 'node:path'
import { openDatabase, type Db } from './db/connection'
import { resolveDbPath } from './paths'
import { importDigest } from './import/importer'
import { readDigestFile } from './import/file'
import { counts, getPaper, listPapers } from './db/papers'
import { toApiError } from './errors'
import { readArgs } from './args'
import { VIEWS } from '../shared/api'
import type { Paper, View } from '../shared/types'

const HELP = `Papershelf command line

  import <file> [--format <name>] [--json]     import a digest file
  list [--view all|unread|read|starred|notes] [--tag <name>] [--search <query>] [--limit <n>] [--json]
  counts [--json]                             how many papers each view holds

Every command takes --db <path> (or PAPERSHELF_DB); the default is the desktop app's library.`

const out = (s: string): void => void process.stdout.write(s + '\n')

function fail(message: string): never {
  process.stderr.write(message + '\n')
  process.exit(1)
}

function cmdImport(db: Db, files: string[], values: { json?: boolean; format?: string }): void {
  if (files.length !== 1) fail('Name exactly one digest file to import, e.g. `import digest.txt`.')
  const path = resolve(files[0] as string)
  const bytes = readDigestFile(path)
  const s = importDigest(db, bytes, { name: basename(path), source: path, format: values.format })
  if (values.json) {
    out(
      JSON.stringify({
        format: s.format,
        found: s.found,
        added: s.added,
        duplicates: s.duplicates,
        warnings: s.warnings
      })
    )
    return
  }
  const warn = s.warnings.length ? ` · ${s.warnings.length} warning${s.warnings.length === 1 ? '' : 's'}` : ''
  out(`${s.found} papers · ${s.added} new · ${s.duplicates} already in your library${warn} (${s.format})`)
  for (const w of s.warnings) out(`  warning: ${w}`)
}

function cmdList(
  db: Db,
  values: { view?: string; tag?: string; search?: string; limit?: string; json?: boolean }
): void {
  const view = (values.view ?? 'all') as View
  if (!(VIEWS as readonly string[]).includes(view)) fail(`--view must be one of ${VIEWS.join(', ')}.`)
  const limit = values.limit === undefined ? Infinity : Number(values.limit)
  if (!(limit === Infinity || (Number.isInteger(limit) && limit > 0)))
    fail('--limit must be a positive whole number.')
  const papers: Paper[] = []
  let cursor: string | null = null
  do {
    const page = listPapers(db, {
      view,
      sort: 'digest',
      limit: Math.min(500, limit - papers.length),
      cursor,
      ...(values.tag ? { tags: [values.tag] } : {}),
      ...(values.search ? { search: values.search } : {})
    })
    for (const s of page.papers) {
      const p = getPaper(db, s.id)
      if (p) papers.push(p)
    }
    cursor = page.nextCursor
  } while (cursor && papers.length < limit)
  if (values.json) {
    out(JSON.stringify(papers.map(({ digests, ...p }) => ({ ...p, digests: digests.map((d) => d.name) }))))
    return
  }
  for (const p of papers) {
    const flags = `${p.read ? ' ' : '•'}${p.starred ? '★' : ' '}`
    out(`${String(p.id).padStart(6)} ${flags} ${p.title}`)
  }
  out(`${papers.length} paper${papers.length === 1 ? '' : 's'}`)
}

function main(): void {
  const [command, ...rest] = process.argv.slice(2)
  if (!command || command === 'help' || command === '--help' || command === '-h') return out(HELP)
  let parsed
  try {
    parsed = readArgs(rest, {
      db: { type: 'string' },
      json: { type: 'boolean' },
      format: { type: 'string' },
      view: { type: 'string' },
      tag: { type: 'string' },
      search: { type: 'string' },
      limit: { type: 'string' }
    })
  } catch (err) {
    fail(`${(err as Error).message.replace(/\.$/, '')}. Run \`npm run cli -- help\` for usage.`)
  }
  const { values, positionals } = parsed
  const known = ['import', 'list', 'counts']
  if (!known.includes(command)) fail(`Unknown command "${command}". Run \`npm run cli -- help\` for usage.`)
  let db: Db | undefined
  try {
    db = openDatabase(resolveDbPath(values.db))
    if (command === 'import') cmdImport(db, positionals, values)
    else if (command === 'list') cmdList(db, values)
    else {
      const c = counts(db)
      if (values.json) out(JSON.stringify(c))
      else out(`all ${c.all} · unread ${c.unread} · starred ${c.starred} · read ${c.read} · notes ${c.notes}`)
    }
  } catch (err) {
    fail(toApiError(err).message)
  } finally {
    db?.close()
  }
}

main()
