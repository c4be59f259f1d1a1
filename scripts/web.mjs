// `npm run web`: builds the app when the sources are newer than the last build, then serves browser mode.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname

function newest(dir) {
  let t = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}

export function ensureBuilt() {
  const built = join(root, 'out/main/web.js')
  const stale =
    !existsSync(built) ||
    !existsSync(join(root, 'out/renderer/index.html')) ||
    Math.max(newest(join(root, 'src')), statSync(join(root, 'electron.vite.config.ts')).mtimeMs) >
      statSync(built).mtimeMs
  if (!stale) return
  console.log('Building Papershelf…')
  const r = spawnSync('electron-vite', ['build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32'
  })
  if (r.status !== 0) {
    console.error('The build failed; see the messages above.')
    process.exit(r.status ?? 1)
  }
}

export function runWeb(args) {
  const r = spawnSync(process.execPath, [join(root, 'out/main/web.js'), ...args], {
    cwd: root,
    stdio: 'inherit'
  })
  process.exit(r.status ?? 0)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureBuilt()
  runWeb(process.argv.slice(2))
}
