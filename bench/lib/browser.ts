// The processes the UI benchmarks need: a build of the app, browser mode servers, a tiny server for the
// bare list, and Chromium. Every child is tracked so that it is ended whatever way the run ends.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { extname, join, resolve } from 'node:path'
import type { AddressInfo } from 'node:net'
import { chromium, type Browser } from '@playwright/test'

export const ROOT = resolve(import.meta.dirname, '../..')
export const UI_DIR = resolve(import.meta.dirname, '../ui')

const children = new Set<ChildProcess>()

/** Ends every child this process started (each by its own pid), e.g. on an error or Ctrl+C. */
export function killChildren(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
  children.clear()
}

/**
 * Builds the app into `outDir` from the sources as they are now (others may be editing them), without
 * touching the shared out/ folder. outDir must be inside the project so that out/main finds node_modules.
 */
export function buildApp(outDir: string): void {
  const bin = join(ROOT, 'node_modules/.bin/electron-vite')
  const r = spawnSync(bin, ['build', '--outDir', outDir, '--logLevel', 'warn'], {
    cwd: ROOT,
    encoding: 'utf8'
  })
  if (r.status !== 0) throw new Error(`electron-vite build failed:\n${r.stdout}${r.stderr}`)
}

export interface AppServer {
  url: string
  /** Everything the app has printed so far (a notice that it repaired the library, errors on exit). */
  output: () => string
  /** Epoch milliseconds when the process was spawned. */
  spawnedAt: number
  /** Epoch milliseconds when it printed its "ready" line. */
  readyAt: number
  /** Ends it with SIGTERM, as a user would; resolves false if it had to be killed. */
  stop: () => Promise<boolean>
}

const epochNow = (): number => performance.timeOrigin + performance.now()

/** Browser mode on a free port, as `node out/main/web.js --db <path> --port 0 --no-open`. */
export function startApp(webJs: string, dbPath: string): Promise<AppServer> {
  const spawnedAt = epochNow()
  const child = spawn(process.execPath, [webJs, '--db', dbPath, '--port', '0', '--no-open'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  children.add(child)
  const stop = (): Promise<boolean> =>
    new Promise((done) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        children.delete(child)
        return done(child.exitCode === 0)
      }
      // SIGTERM lets the app close the library cleanly, so the next launch skips its integrity check.
      let killed = false
      const timer = setTimeout(() => {
        killed = true
        child.kill('SIGKILL')
      }, 20_000)
      child.once('exit', () => {
        clearTimeout(timer)
        children.delete(child)
        done(!killed)
      })
      child.kill('SIGTERM')
    })
  return new Promise((resolvePromise, reject) => {
    let out = ''
    let err = ''
    const timer = setTimeout(() => {
      void stop()
      reject(new Error(`browser mode did not start within 120 s: ${out}${err}`))
    }, 120_000)
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()))
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /ready at (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out)
      if (m?.[1]) {
        clearTimeout(timer)
        resolvePromise({ url: m[1], output: () => out + err, spawnedAt, readyAt: epochNow(), stop })
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`browser mode exited with ${code}: ${out}${err}`))
    })
  })
}

/** Waits for the daily backup a first launch starts, so that it does not run under a measurement. */
export async function waitForBackup(dbPath: string, timeoutMs = 300_000): Promise<boolean> {
  const dir = join(dbPath, '..', 'backups')
  const start = Date.now()
  while (Date.now() - start < timeoutMs) {
    // A finished backup has its dated name; one in progress (or cut short) is a hidden .tmp file.
    const files = existsSync(dir) ? readdirSync(dir) : []
    if (files.some((f) => !f.startsWith('.') && !f.endsWith('.tmp'))) return true
    await new Promise((r) => setTimeout(r, 200))
  }
  return false
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json'
}

/** Serves the bare list page and its rows on 127.0.0.1. */
export function serveBare(rows: {
  count: number
  /** Title, authors line, tag names as the row shows them. */
  sample: Array<[string, string, string[]]>
}): Promise<{
  url: string
  close: () => Promise<void>
}> {
  const body = JSON.stringify(rows)
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    if (path === '/rows.json') {
      res.writeHead(200, { 'Content-Type': TYPES['.json'] })
      return res.end(body)
    }
    const name = path === '/' ? 'bare.html' : path.slice(1)
    if (!/^bare\.(html|js|css)$/.test(name)) {
      res.writeHead(404)
      return res.end()
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(name)] ?? 'text/plain' })
    res.end(readFileSync(join(UI_DIR, name)))
  })
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      done({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise((r) => server.close(() => r()))
      })
    })
  )
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run'
    ]
  })
}
