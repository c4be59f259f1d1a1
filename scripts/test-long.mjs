// `npm run test:long`: the reliability suite at full size. The hostile corpus with its 100 MB and
// million-record inputs, 60 SIGKILLed imports, and 50 SIGKILLed note-typing sessions in the browser. Prints
// the figures as a Markdown table; `npm run test:long -- --record` also writes them into
// docs/reliability.md. PAPERSHELF_SEED=<n> replays the random choices of a run.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const record = process.argv.includes('--record')
const statsDir = mkdtempSync(join(tmpdir(), 'papershelf-long-'))
const stats = join(statsDir, 'figures.jsonl')
writeFileSync(stats, '')
const env = { ...process.env, PAPERSHELF_LONG: '1', PAPERSHELF_STATS: stats }

function run(label, args) {
  console.log(`\n▶ ${label}`)
  const started = Date.now()
  const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' })
  const seconds = Math.round((Date.now() - started) / 1000)
  return { label, ok: r.status === 0, seconds }
}

const steps = [
  run('build', [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']),
  run('vitest: tests/reliability (full size)', [
    join(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    'tests/reliability',
    '--testTimeout=1800000',
    '--hookTimeout=600000'
  ]),
  run('playwright: tests/e2e/notes-crash.spec.ts and xss.spec.ts', [
    join(root, 'node_modules/@playwright/test/cli.js'),
    'test',
    'tests/e2e/notes-crash.spec.ts',
    'tests/e2e/xss.spec.ts'
  ])
]

// Every test appended its figures as one JSON line; sum them per suite.
const totals = {}
for (const line of readFileSync(stats, 'utf8').split('\n').filter(Boolean)) {
  const { suite, ...figures } = JSON.parse(line)
  totals[suite] ??= {}
  for (const [k, v] of Object.entries(figures)) totals[suite][k] = (totals[suite][k] ?? 0) + v
}
rmSync(statsDir, { recursive: true, force: true })

const ok = steps.every((s) => s.ok)
const h = totals['hostile-input'] ?? {}
const c = totals['crash-import'] ?? {}
const n = totals['notes-crash'] ?? {}
const mb = (bytes) => `${Math.round((bytes ?? 0) / (1024 * 1024))} MB`
const summary = [
  `Last run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}, ` +
    `${ok ? 'all passed' : 'FAILED'} (${steps.map((s) => `${s.label.split(':')[0]} ${s.seconds} s`).join(', ')}).`,
  '',
  '| What | Figures |',
  '| --- | --- |',
  `| Hostile inputs tried | ${h.inputs ?? 0} (${h.imported ?? 0} imported, ${h.refused ?? 0} refused with one sentence; ${(h.papers ?? 0).toLocaleString('en')} papers written; largest ${mb(h.largestBytes)}) |`,
  `| Imports killed with SIGKILL | ${c.rounds ?? 0} (${c.complete ?? 0} wholly there, ${c.absent ?? 0} wholly absent, ${c.killedMidWrite ?? 0} of them killed mid-write; ${(c.papersPerImport ?? 0).toLocaleString('en')} papers each) |`,
  `| Note-typing sessions killed with SIGKILL | ${n.rounds ?? 0} (stored afterwards: the last version typed ${n.kept ?? 0}, an earlier version of the session ${n.older ?? 0}, the note from before the session ${n.unchanged ?? 0}, an emptied note ${n.deleted ?? 0}) |`,
  `| Data lost or damaged | ${ok ? 'none' : 'see the failures above'} |`
].join('\n')
console.log(`\n${summary}\n`)

if (record) {
  const doc = join(root, 'docs/reliability.md')
  const start = '<!-- long-run:start -->'
  const end = '<!-- long-run:end -->'
  const text = existsSync(doc) ? readFileSync(doc, 'utf8') : ''
  if (!text.includes(start) || !text.includes(end)) {
    console.error(`docs/reliability.md has no ${start} … ${end} section to record into.`)
    process.exit(1)
  }
  writeFileSync(
    doc,
    text.slice(0, text.indexOf(start) + start.length) + `\n\n${summary}\n\n` + text.slice(text.indexOf(end))
  )
  // The table as Prettier lays it out, so that `npm run lint` stays clean.
  spawnSync(process.execPath, [join(root, 'node_modules/prettier/bin/prettier.cjs'), '--write', doc], {
    stdio: 'ignore'
  })
  console.log('Recorded in docs/reliability.md.')
}
process.exit(ok ? 0 : 1)
