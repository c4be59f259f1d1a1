// `npm run lint:electron`: Doyensec's Electronegativity over the sources. Electronegativity reports but
// never fails, so this does: every finding must be one reviewed below, with the reason it is acceptable
// and the test that keeps it so; anything new, or a main/preload file it cannot parse, fails the lint.
// It runs offline: its check for newer Electron releases is skipped, and its other network call (fetching
// translations, which crashes its old HTTP client on Node 24 when offline) gets an immediate refusal.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const require = createRequire(import.meta.url)

const REVIEWED = [
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/index.ts',
    why: 'openExternally() passes http(s) and mailto only (tests/reliability/electron-hardening.test.ts)'
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/service.ts',
    why: 'host.openExternal is openExternally(), and the contract accepts http(s) URLs only'
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'renderer/src/stores/store.ts',
    why: "the renderer's API call of that name, not Electron's shell"
  },
  {
    check: 'PRELOAD_JS_CHECK',
    file: 'main/index.ts',
    why: 'the preload exposes the contract functions only (electron-hardening.test.ts runs the built one)'
  },
  {
    check: 'AUXCLICK_JS_CHECK',
    file: 'main/index.ts',
    why: 'setWindowOpenHandler denies every new window, middle-click included (electron-hardening.test.ts)'
  },
  {
    check: 'CSP_GLOBAL_CHECK',
    file: 'renderer/index.html',
    why: "flags img-src data:; script-src stays 'self' only (electron-hardening.test.ts checks the built page)"
  }
]

/** RFC 4180 CSV, as Electronegativity writes it. */
function parseCsv(text) {
  const rows = []
  let row = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',' || ch === '\n') {
      row.push(cell)
      cell = ''
      if (ch === '\n') {
        rows.push(row)
        row = []
      }
    } else if (ch !== '\r') cell += ch
  }
  if (cell || row.length) rows.push([...row, cell])
  return rows
}

// Another folder may be named, e.g. to try the lint on a deliberately broken copy of src.
const source = process.argv[2] ?? join(root, 'src')
const bin = require.resolve('@doyensec/electronegativity/dist/index.js')
const electron = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version
const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'))
const csv = join(dir, 'findings.csv')
const offline = join(dir, 'offline.cjs')
writeFileSync(
  offline,
  `const Module = require('module')
const load = Module._load
const refuse = () => Promise.reject(new Error('offline'))
Module._load = function (request, ...rest) {
  return request === 'got' ? Object.assign(refuse, { default: refuse }) : load.call(this, request, ...rest)
}
`
)
const r = spawnSync(
  process.execPath,
  [
    '--require',
    offline,
    bin,
    '-i',
    source,
    '-r',
    '-v',
    'false',
    '-e',
    electron,
    '-x',
    'AvailableSecurityFixesGlobalCheck',
    '-o',
    csv
  ],
  { cwd: root, encoding: 'utf8', timeout: 300_000 }
)
const output = `${r.stdout ?? ''}${r.stderr ?? ''}`
const problems = []
if (r.status !== 0) problems.push(`Electronegativity exited with ${r.status ?? r.signal}:\n${output}`)
for (const line of output.split('\n').filter((l) => l.startsWith('Error parsing'))) {
  // A file it cannot parse is a file it did not check; main, preload and the page must always be checked.
  if (/\/src\/(main|preload)\/|index\.html/.test(line)) problems.push(line)
  else console.warn(`lint:electron: ${line}`)
}
const findings = existsSync(csv)
  ? parseCsv(readFileSync(csv, 'utf8'))
      .slice(1)
      .filter((row) => row.length > 4)
      .map(([check, severity, confidence, file, location, sample]) => ({
        check: check.trim(),
        severity,
        confidence,
        file: file.trim(),
        location,
        sample
      }))
  : []
if (!existsSync(csv) && !problems.length) problems.push('Electronegativity wrote no report.')
// This app has a preload and a CSP, which it always reports for review: no findings at all means it
// checked nothing.
if (existsSync(csv) && !findings.length) problems.push('Electronegativity reported nothing at all.')
rmSync(dir, { recursive: true, force: true })

let reviewed = 0
for (const f of findings) {
  if (REVIEWED.some((ok) => ok.check === f.check && ok.file === f.file)) reviewed++
  else
    problems.push(`${f.check} (${f.severity}, ${f.confidence}) at src/${f.file}:${f.location}: ${f.sample}`)
}
if (problems.length) {
  console.error(`lint:electron: ${problems.length} finding(s) not reviewed:\n  ${problems.join('\n  ')}`)
  console.error(
    'Fix them, or review them and add them with the reason to REVIEWED in scripts/lint-electron.mjs.'
  )
  process.exit(1)
}
console.log(
  `lint:electron: Electronegativity found nothing new (${reviewed} reviewed finding(s), Electron ${electron}).`
)
