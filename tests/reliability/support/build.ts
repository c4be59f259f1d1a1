// The tests that exercise the built app (out/) build it first when it is missing or older than the
// sources, rather than skipping or testing yesterday's code. A lock keeps parallel test files from
// building over each other.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './env'

const OUTPUTS = [
  'out/main/index.js',
  'out/main/web.js',
  'out/main/import-worker.js',
  'out/preload/index.cjs',
  'out/renderer/index.html'
]

function newest(dir: string): number {
  let t = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}

function needsBuild(): boolean {
  if (OUTPUTS.some((p) => !existsSync(join(ROOT, p)))) return true
  const built = Math.min(...OUTPUTS.map((p) => statSync(join(ROOT, p)).mtimeMs))
  return newest(join(ROOT, 'src')) > built
}

const sleep = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

export function ensureBuilt(): void {
  if (!needsBuild()) return
  const lock = join(ROOT, '.tmp/reliability-build.lock')
  mkdirSync(join(ROOT, '.tmp'), { recursive: true })
  const deadline = Date.now() + 120_000
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch {
      // A lock older than two minutes was left by a killed run.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 120_000)
        rmSync(lock, { recursive: true, force: true })
      if (Date.now() > deadline) throw new Error('Timed out waiting for another build of out/ to finish.')
      sleep(200)
    }
  }
  try {
    if (!needsBuild()) return
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
      {
        cwd: ROOT,
        encoding: 'utf8'
      }
    )
    if (r.status !== 0) throw new Error(`electron-vite build failed:\n${r.stdout}\n${r.stderr}`)
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}
