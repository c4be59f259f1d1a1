// `npm run cli -- <command>`: the same service as the app, on the same library file.
import { writeFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { resolveDbPath } from './paths'
import { importDigest } from './import/importer'
import { readDigestFile } from './import/file'
import { counts, getPaper, listPapers } from './db/papers'
import { toApiError } from './errors'
import { readArgs } from './args'
import { Library } from './library'
import { createService } from './service'
import { EXPORT_FORMATS, VIEWS } from '../shared/api'
import type { Paper, View } from '../shared/types'

const HELP = `Papershelf command line

  import <file> [--format <name>] [--json]     import a digest file
  list [--view all|unread|read|starred|notes] [--tag <name>] [--search <query>] [--limit <n>] [--json]
  counts [--json]                             how many papers each view holds
  export --format bibtex|ris|csv|json|markdown [--view …] [--tag …] [--search …] [--out <file>]
                                              write papers out (to stdout without --out)
  backup                                      make a backup now
  backups [--json]                            list the backups, newest first
  restore <backup file>                       replace the library with a backup (the current file is kept)

Every command takes --db <path> (or PAPERSHELF_DB); the default is the desktop app's library.`

const out = (s: string): void => void process.stdout.write(s + '\n')

class CliError extends Error {}
const fail = (message: string): never => {
  throw new CliError(message)
}

type Values = {
  json?: boolean
  format?: string
  view?: string
  tag?: string
  search?: string
  limit?: string
  out?: string
  db?: string
}

function filterOf(values: Values) {
  const view = (values.view ?? 'all') as View
  if (!(VIEWS as readonly string[]).includes(view)) fail(`--view must be one of ${VIEWS.join(', ')}.`)
  return {
    view,
    ...(values.tag ? { tags: [values.tag] } : {}),
    ...(values.search ? { search: values.search } : {})
  }
}

function cmdImport(lib: Library, bytes: Uint8Array, path: string, values: Values): void {
  const s = importDigest(lib.db, bytes, { name: basename(path), source: path, format: values.format })
  if (values.json) {
    const { format, found, added, duplicates, warnings } = s
    out(JSON.stringify({ format, found, added, duplicates, warnings }))
    return
  }
  const warn = s.warnings.length ? ` · ${s.warnings.length} warning${s.warnings.length === 1 ? '' : 's'}` : ''
  out(`${s.found} papers · ${s.added} new · ${s.duplicates} already in your library${warn} (${s.format})`)
  for (const w of s.warnings) out(`  warning: ${w}`)
}

function cmdList(lib: Library, values: Values): void {
  const limit = values.limit === undefined ? Infinity : Number(values.limit)
  if (!(limit === Infinity || (Number.isInteger(limit) && limit > 0)))
    fail('--limit must be a positive whole number.')
  const filter = filterOf(values)
  const papers: Paper[] = []
  let cursor: string | null = null
  do {
    const page = listPapers(lib.db, {
      ...filter,
      sort: 'digest',
      limit: Math.min(500, limit - papers.length),
      cursor
    })
    for (const s of page.papers) {
      const p = getPaper(lib.db, s.id)
      if (p) papers.push(p)
    }
    cursor = page.nextCursor
  } while (cursor && papers.length < limit)
  if (values.json) {
    out(JSON.stringify(papers.map(({ digests, ...p }) => ({ ...p, digests: digests.map((d) => d.name) }))))
    return
  }
  for (const p of papers)
    out(`${String(p.id).padStart(6)} ${p.read ? ' ' : '•'}${p.starred ? '★' : ' '} ${p.title}`)
  out(`${papers.length} paper${papers.length === 1 ? '' : 's'}`)
}

async function cmdExport(lib: Library, values: Values): Promise<void> {
  const format = values.format as (typeof EXPORT_FORMATS)[number]
  if (!EXPORT_FORMATS.includes(format)) fail(`--format must be one of ${EXPORT_FORMATS.join(', ')}.`)
  const r = await createService(lib).exportPapers({ ...filterOf(values), format })
  if (!values.out) {
    process.stdout.write(r.text)
    return
  }
  writeFileSync(values.out, r.text)
  process.stderr.write(`${r.count} papers written to ${resolve(values.out)}\n`)
}

async function run(command: string, positionals: string[], values: Values): Promise<void> {
  // Read and check the digest before opening the library: a file that cannot be imported touches nothing.
  let digest: { path: string; bytes: Uint8Array } | undefined
  if (command === 'import') {
    if (positionals.length !== 1) fail('Name exactly one digest file to import, e.g. `import digest.txt`.')
    const path = resolve(positionals[0] as string)
    digest = { path, bytes: readDigestFile(path) }
  }
  if (command === 'restore' && positionals.length !== 1) fail('Name the backup file to restore.')
  const lib = new Library(resolveDbPath(values.db))
  try {
    if (lib.notice) process.stderr.write(lib.notice + '\n')
    switch (command) {
      case 'import':
        if (digest) cmdImport(lib, digest.bytes, digest.path, values)
        return
      case 'list':
        return cmdList(lib, values)
      case 'export':
        return await cmdExport(lib, values)
      case 'backup':
        return out(`Backup written to ${(await lib.backupNow()).path}`)
      case 'backups': {
        const list = lib.backups()
        if (values.json) return out(JSON.stringify(list))
        for (const b of list)
          out(`${b.createdAt}  ${(b.bytes / 1e6).toFixed(1)} MB  ${b.reason ?? ''}  ${b.path}`)
        return out(`${list.length} backup${list.length === 1 ? '' : 's'} in ${lib.backupDir}`)
      }
      case 'restore': {
        const { replacedPath } = await lib.restore(resolve(positionals[0] as string))
        return out(`Restored. The previous library was kept as ${replacedPath ?? '(there was none)'}.`)
      }
      default: {
        const c = counts(lib.db)
        if (values.json) return out(JSON.stringify(c))
        out(`all ${c.all} · unread ${c.unread} · starred ${c.starred} · read ${c.read} · notes ${c.notes}`)
      }
    }
  } finally {
    lib.close()
  }
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2)
  if (!command || command === 'help' || command === '--help' || command === '-h') return out(HELP)
  const known = ['import', 'list', 'counts', 'export', 'backup', 'backups', 'restore']
  if (!known.includes(command)) fail(`Unknown command "${command}". Run \`npm run cli -- help\` for usage.`)
  let parsed
  try {
    parsed = readArgs(rest, {
      db: { type: 'string' },
      json: { type: 'boolean' },
      format: { type: 'string' },
      view: { type: 'string' },
      tag: { type: 'string' },
      search: { type: 'string' },
      limit: { type: 'string' },
      out: { type: 'string' }
    })
  } catch (err) {
    fail(`${(err as Error).message.replace(/\.$/, '')}. Run \`npm run cli -- help\` for usage.`)
  }
  await run(command, parsed?.positionals ?? [], parsed?.values ?? {})
}

// `cli … | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0)
  throw err
})

main().catch((err: unknown) => {
  process.stderr.write((err instanceof CliError ? err.message : toApiError(err).message) + '\n')
  process.exitCode = 1
})
