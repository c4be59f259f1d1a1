// `npm run web` and `npm start` as a user runs them: the URL line, the token, the fallback sentence.
import { afterEach, describe, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { join, resolve } from 'node:path'
import { tmpDir } from '../helpers/tmp'

const ROOT = resolve(import.meta.dirname, '../..')
let child: ChildProcess | null = null
let cleanup = (): void => {}
afterEach(() => {
  child?.kill('SIGTERM')
  child = null
  cleanup()
})

function launch(script: string): Promise<{ output: string; url: string }> {
  const t = tmpDir()
  cleanup = t.cleanup
  child = spawn(
    process.execPath,
    [join(ROOT, script), '--db', join(t.dir, 'lib.db'), '--port', '0', '--no-open'],
    {
      cwd: ROOT,
      // The electron package must not find a runtime, as on a machine without internet.
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(t.dir, 'no-electron-here') },
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  return new Promise((resolvePromise, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`no URL line in: ${output}`)), 100_000)
    const onData = (c: Buffer): void => {
      output += c.toString()
      const m = /^Papershelf is ready at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,})$/m.exec(output)
      if (m?.[1]) {
        clearTimeout(timer)
        resolvePromise({ output, url: m[1] })
      }
    }
    child?.stdout?.on('data', onData)
    child?.stderr?.on('data', onData)
    child?.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)))
  })
}

async function api(url: string, headers: Record<string, string>): Promise<number> {
  const base = url.replace(/\/#.*$/, '')
  const res = await fetch(`${base}/api/counts`, { method: 'POST', headers, body: '{}' })
  return res.status
}

describe('launch scripts', () => {
  it('npm run web prints one line with the URL; the API needs the token and our own Host and Origin', async () => {
    const { url } = await launch('scripts/web.mjs')
    const token = new URL(url).hash.replace('#token=', '')
    const json = { 'Content-Type': 'application/json' }
    expect(await api(url, { ...json, Authorization: `Bearer ${token}` })).toBe(200)
    expect(await api(url, json)).toBe(403)
    expect(await api(url, { ...json, Authorization: `Bearer ${token}`, Origin: 'http://evil.example' })).toBe(
      403
    )
    const page = await fetch(url.replace(/#.*$/, ''))
    expect(await page.text()).toContain('<title>Papershelf</title>')
  }, 120_000)

  it('npm start says in one sentence that Electron is missing and opens browser mode instead', async () => {
    const { output } = await launch('scripts/start.mjs')
    expect(output).toMatch(
      /^The Electron runtime could not be installed on this machine, so Papershelf opens in your browser instead\.$/m
    )
  }, 120_000)
})
