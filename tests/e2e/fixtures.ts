// Each test gets its own data folder, a real SQLite file, and browser mode served from the built out/ folder.
import { test as base, expect, type Page } from '@playwright/test'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '../..')
export const SAMPLE = resolve(ROOT, 'tests/fixtures/import/hf-daily-papers-sample.txt')

export interface CliResult {
  status: number
  stdout: string
  stderr: string
}

export class AppUnderTest {
  readonly dir = mkdtempSync(join(tmpdir(), 'papershelf-e2e-'))
  readonly dbPath = join(this.dir, 'library.db')
  url = ''
  private server: ChildProcess | null = null

  cli(...args: string[]): CliResult {
    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
        join(ROOT, 'src/main/cli.ts'),
        ...args,
        '--db',
        this.dbPath
      ],
      {
        cwd: ROOT,
        encoding: 'utf8'
      }
    )
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
  }

  /** Starts browser mode and resolves with the URL it prints once ready. */
  start(extra: string[] = []): Promise<string> {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'out/main/web.js'), '--db', this.dbPath, '--port', '0', '--no-open', ...extra],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe']
      }
    )
    this.server = child
    return new Promise((resolvePromise, reject) => {
      let out = ''
      let err = ''
      const timer = setTimeout(() => reject(new Error(`browser mode did not start: ${out}${err}`)), 20_000)
      child.stderr?.on('data', (c: Buffer) => (err += c.toString()))
      child.stdout?.on('data', (c: Buffer) => {
        out += c.toString()
        const m = /ready at (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out)
        if (m?.[1]) {
          clearTimeout(timer)
          this.url = m[1]
          resolvePromise(m[1])
        }
      })
      child.on('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`browser mode exited with ${code}: ${out}${err}`))
      })
    })
  }

  /** Ends the server the hard way, as a crash or a power cut would. */
  kill(): Promise<void> {
    return this.stop('SIGKILL')
  }

  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.server
    this.server = null
    if (!child || child.exitCode !== null) return Promise.resolve()
    return new Promise((r) => {
      child.once('exit', () => r())
      child.kill(signal)
    })
  }

  async dispose(): Promise<void> {
    await this.stop()
    rmSync(this.dir, { recursive: true, force: true })
  }
}

export const test = base.extend<{ app: AppUnderTest }>({
  // Playwright reads the fixtures a test needs from this (empty) destructuring pattern.
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const app = new AppUnderTest()
    await use(app)
    await app.dispose()
  }
})

export { expect }

/** The count shown next to a view in the sidebar. */
export function viewCount(page: Page, view: string) {
  return page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button', { name: new RegExp(`^${view}\\b`) })
    .locator('.nav-count')
}

/** The rows of the paper list. */
export function rows(page: Page) {
  return page.getByRole('listbox', { name: 'Papers' }).getByRole('option')
}

/** Fails the test on any uncaught page error or console error. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  return errors
}
