// Starting the app's own front doors as separate processes, so that a test can kill them for real.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT } from './env'

const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href

/**
 * The CLI as one process: `node --import tsx src/main/cli.ts …`. (`npm run cli` goes through the tsx
 * CLI, which runs the program in a second process; killing the first would leave the import running.)
 */
export function cliArgs(...args: string[]): string[] {
  return ['--import', TSX, join(ROOT, 'src/main/cli.ts'), ...args]
}

export function runCli(...args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, cliArgs(...args), { cwd: ROOT, encoding: 'utf8' })
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

export function spawnCli(...args: string[]): ChildProcess {
  return spawn(process.execPath, cliArgs(...args), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
}

export interface WebProcess {
  child: ChildProcess
  port: number
  token: string
  origin: string
  /** Calls the API like the web bridge does (src/preload/web.ts). */
  call: (method: string, input: unknown) => Promise<{ status: number; body: unknown }>
}

/** Starts browser mode from the built code (out/main/web.js) and resolves once it listens. */
export function startWeb(dbPath: string): Promise<WebProcess> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'out/main/web.js'), '--db', dbPath, '--port', '0', '--no-open'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`browser mode did not start: ${out}`)), 20_000)
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()))
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /ready at (http:\/\/127\.0\.0\.1:(\d+))\/#token=(\S+)/.exec(out)
      if (!m) return
      clearTimeout(timer)
      const [, origin, port, token] = m as unknown as [string, string, string, string]
      resolve({
        child,
        port: Number(port),
        token,
        origin,
        call: async (method, input) => {
          const res = await fetch(`${origin}/api/${method}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: JSON.stringify(input)
          })
          return { status: res.status, body: await res.json() }
        }
      })
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`browser mode exited with ${code}: ${out}`))
    })
  })
}

/** Kills a process the way a crash or a power cut would, and waits until it is gone. */
export function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGKILL')
  })
}
