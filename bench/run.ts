// `npm run bench`: performance of Papershelf against baselines measured in the same run (issue 7).
//
//   npm run bench [-- --sizes 1k,10k,100k] [--quick] [--json] [--no-ui] [--profile] [--cpu-prof <dir>]
//                 [--out <file>] [--keep]
//
// Every figure is a ratio, app ÷ baseline, so that it means the same on a fast or a slow machine: the
// baseline is the least work that produces the same result (a raw INSERT loop, a raw FTS query, a raw
// SELECT on the same index, a raw UPDATE, a bare virtual list). Progress goes to stderr; with --json,
// stdout carries exactly one JSON document. See docs/benchmarks.md for what each number means.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import type { Browser } from '@playwright/test'
import { digest, generator, searchQueries } from './lib/generate'
import {
  apiProfile,
  importBench,
  listBench,
  listViews,
  openLibrary,
  searchBench,
  sizeBench,
  splitIntoDigests,
  toggleBench,
  type ApiProfile,
  type ImportBench,
  type ListBench,
  type SearchBench,
  type SizeBench,
  type ToggleBench
} from './lib/db-bench'
import { buildApp, killChildren, launchChromium, ROOT, serveBare, startApp } from './lib/browser'
import { settleLibrary, startupBench, uiBench, type UiBench } from './lib/ui-bench'
import { log, round } from './lib/stats'
import { goals, renderTable, type Report } from './lib/report'

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1k,10k,100k' },
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    'no-ui': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false }
  }
})

if (args.help) {
  process.stdout.write(
    `npm run bench -- [--sizes 1k,10k,100k] [--quick] [--json] [--no-ui] [--profile] [--keep]

  --sizes    library sizes to test (k = thousand); the UI runs on the largest, start-up on the
             smallest and the largest
  --quick    fewer repetitions and a shorter scroll, for iterating (ratios get noisier)
  --json     one JSON document on stdout (progress stays on stderr)
  --no-ui    skip the browser benchmarks (UI and start-up)
  --profile  also split the API's time (statement preparation, SQLite, JavaScript) and time every
             SQL statement of one import and of counts(), for finding where the time goes
  --cpu-prof <dir>  save CPU profiles of the page (keys, search, scroll) in <dir> and list hotspots
  --out <file>      also write the JSON document to <file>
  --keep     keep the temporary folder (libraries, digests) and say where it is
`
  )
  process.exit(0)
}

function sizeOf(label: string): number {
  const m = /^(\d+(?:\.\d+)?)(k?)$/i.exec(label.trim())
  if (!m) throw new Error(`--sizes takes sizes like 1k,10k,100k, not "${label}".`)
  return Math.round(Number(m[1]) * (m[2] ? 1000 : 1))
}
const label = (n: number): string => (n % 1000 === 0 ? `${n / 1000}k` : String(n))

const sizes = [...new Set(args.sizes.split(',').map(sizeOf))].sort((a, b) => a - b)
const quick = args.quick
const plan = {
  importRuns: (n: number): number => (quick ? 1 : n <= 1000 ? 9 : n <= 10_000 ? 5 : 2),
  search: { runs: quick ? 10 : 40, budgetMs: quick ? 1000 : 4000 },
  listRuns: quick ? 30 : 200,
  toggleRuns: quick ? 30 : 200,
  ui: {
    mountRuns: quick ? 2 : 5,
    keyRuns: quick ? 8 : 25,
    searchRuns: quick ? 2 : 8,
    typedRuns: quick ? 1 : 3,
    // The app's list loads 100 rows at a time as it scrolls; at 100k that alone takes minutes, so the
    // scroll stops at the end of the list or after this long, and the bare list covers as many rows.
    scrollRows: quick ? 3000 : Infinity,
    scrollMs: quick ? 20_000 : 100_000
  },
  startupRuns: quick ? 2 : 5,
  /** Papers per digest when the imported library is filed into weekly digests. */
  digestSize: 250,
  scrollStep: 1920
}

const work = mkdtempSync(join(tmpdir(), 'papershelf-bench-'))
// Inside the project, so that the built main process resolves better-sqlite3 from node_modules.
const buildDir = join(ROOT, 'node_modules/.cache/papershelf-bench', `out-${process.pid}`)
const cpuProfDir = args['cpu-prof'] === undefined ? undefined : resolve(args['cpu-prof'])
if (cpuProfDir) mkdirSync(cpuProfDir, { recursive: true })
let browser: Browser | null = null
let closeBare: (() => Promise<void>) | null = null

function cleanup(): void {
  killChildren()
  rmSync(buildDir, { recursive: true, force: true })
  if (!args.keep) rmSync(work, { recursive: true, force: true })
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`\n${signal}: stopping and cleaning up`)
    void browser?.close().catch(() => {})
    cleanup()
    process.exit(130)
  })
}

function machine(): Report['machine'] {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8')
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown'
  const db = new Database(':memory:')
  const sqlite = db.prepare('SELECT sqlite_version()').pluck().get() as string
  db.close()
  return {
    cpuModel: model,
    cores: cpus().length,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    sqlite,
    chromium: null,
    load: [round(loadavg()[0]!, 1), NaN]
  }
}

async function main(): Promise<Report> {
  const started = Date.now()
  if (loadavg()[0]! > cpus().length / 2) {
    log(
      `warning: the load average is ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores; timings will be noisy`
    )
  }
  const gen = generator()
  const queries = searchQueries(gen)
  const report: Report = {
    date: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    quick,
    machine: machine(),
    sizes: [],
    ui: null,
    startup: null,
    goals: [],
    seconds: 0
  }
  const libraries = new Map<number, string>()
  const profiles = new Map<number, ApiProfile>()

  for (const n of sizes) {
    const dir = join(work, label(n))
    mkdirSync(dir, { recursive: true })
    log(`${label(n)}: generating ${n.toLocaleString('en')} papers`)
    const d = digest(gen, n)
    const file = join(dir, `digest-${label(n)}.json`)
    writeFileSync(file, d.text)
    const library = join(dir, 'library', 'library.db')
    mkdirSync(join(dir, 'library'), { recursive: true })

    log(`${label(n)}: import (${plan.importRuns(n)} runs of importer and raw INSERTs)`)
    const imp: ImportBench = importBench({
      file,
      dir,
      runs: plan.importRuns(n),
      keep: library,
      profile: args.profile
    })
    rmSync(file, { force: true })
    const digests = splitIntoDigests(library, plan.digestSize)
    libraries.set(n, library)
    const size: SizeBench = sizeBench(library, d.rawTextBytes)

    const { db, handlers } = openLibrary(library)
    let search: SearchBench[]
    let list: ListBench[]
    let toggle: { results: ToggleBench[]; ftsUntouched: boolean }
    try {
      log(`${label(n)}: search`)
      search = searchBench(db, handlers, queries, plan.search.runs, plan.search.budgetMs)
      log(`${label(n)}: list pages`)
      list = listBench(db, handlers, listViews(db, 'ml'), plan.listRuns)
      log(`${label(n)}: toggles`)
      toggle = toggleBench(db, handlers, plan.toggleRuns)
      if (args.profile) {
        log(`${label(n)}: profile of the API`)
        profiles.set(n, apiProfile(db, handlers, queries))
      }
    } finally {
      db.close()
    }
    report.sizes.push({
      papers: n,
      label: label(n),
      digests,
      import: imp,
      search,
      list,
      toggle,
      size,
      profile: profiles.get(n) ?? null
    })
  }

  if (!args['no-ui']) {
    log('building the app for browser mode')
    buildApp(buildDir)
    const webJs = join(buildDir, 'main/web.js')
    browser = await launchChromium()
    report.machine.chromium = browser.version()
    const small = sizes[0]!
    const large = sizes.at(-1)!

    const bigLib = libraries.get(large)!
    if (small !== large) {
      // Start-up first: its first launch of each library also takes the integrity check and the day's
      // backup, which are reported apart and must not run under the UI measurements.
      log(`start-up (${label(small)} and ${label(large)})`)
      report.startup = await startupBench(
        browser,
        webJs,
        [
          { label: label(small), path: libraries.get(small)! },
          { label: label(large), path: bigLib }
        ],
        plan.startupRuns
      )
    } else {
      await settleLibrary(webJs, bigLib)
    }

    log(`UI (${label(large)} library)`)
    const sampleDb = new Database(bigLib, { readonly: true })
    const sample = sampleDb
      .prepare(
        `SELECT title, authors,
           (SELECT json_group_array(t.name) FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id
            WHERE pt.paper_id = p.id) AS tags
         FROM papers p ORDER BY digest_rank, id LIMIT 1000`
      )
      .raw()
      .all() as Array<[string, string, string]>
    const count = sampleDb.prepare('SELECT count(*) FROM papers').pluck().get() as number
    sampleDb.close()
    const bare = await serveBare({
      count,
      sample: sample.map(([t, a, tags]) => [
        t,
        (JSON.parse(a) as string[]).slice(0, 3).join(', '),
        (JSON.parse(tags) as string[]).map((name) => name.slice(name.lastIndexOf('/') + 1))
      ])
    })
    closeBare = bare.close
    const app = await startApp(webJs, bigLib)
    try {
      const ui: UiBench = await uiBench({
        browser,
        appUrl: app.url,
        bareUrl: bare.url,
        rows: count,
        queries,
        mountRuns: plan.ui.mountRuns,
        keyRuns: plan.ui.keyRuns,
        searchRuns: plan.ui.searchRuns,
        typedRuns: plan.ui.typedRuns,
        scroll: {
          rows: Math.min(count, plan.ui.scrollRows),
          step: plan.scrollStep,
          timeoutMs: plan.ui.scrollMs
        },
        profileDir: cpuProfDir
      })
      report.ui = { library: label(large), ...ui }
    } finally {
      await app.stop()
    }
  }

  report.machine.load[1] = round(loadavg()[0]!, 1)
  report.seconds = round((Date.now() - started) / 1000, 0)
  report.goals = goals(report)
  return report
}

main()
  .then((report) => {
    const json = `${JSON.stringify(report, null, 2)}\n`
    if (args.out) writeFileSync(args.out, json)
    if (args.json) process.stdout.write(json)
    else process.stdout.write(`${renderTable(report)}\n`)
    if (args.keep) log(`kept ${work}`)
  })
  .catch((err: unknown) => {
    log(err instanceof Error ? (err.stack ?? err.message) : String(err))
    process.exitCode = 1
  })
  .finally(async () => {
    await browser?.close().catch(() => {})
    await closeBare?.()
    cleanup()
  })
