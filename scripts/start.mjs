// `npm start`: builds and opens the desktop app; where the Electron runtime cannot be had, browser mode.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { ensureBuilt, runWeb } from './web.mjs'

const require = createRequire(import.meta.url)
const electronDir = dirname(require.resolve('electron/package.json'))
const args = process.argv.slice(2)

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt')
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : 'electron'
  // ELECTRON_OVERRIDE_DIST_PATH is the electron package's own switch for a runtime kept elsewhere.
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist'), executable)
  return existsSync(binary) ? binary : null
}

ensureBuilt()

let binary = electronBinary()
if (!binary) {
  // The electron package fetches its runtime on first use; quietly, so a closed network gives one sentence.
  console.log('Fetching the Electron runtime (first start only)…')
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 15 * 60_000 })
  binary = electronBinary()
}

if (!binary) {
  console.log(
    'The Electron runtime could not be installed on this machine, so Papershelf opens in your browser instead.'
  )
  runWeb(args)
} else {
  const r = spawnSync(binary, ['.', ...args], { stdio: 'inherit' })
  process.exit(r.status ?? 0)
}
