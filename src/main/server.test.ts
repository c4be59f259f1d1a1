import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { request } from 'node:http'
import { serve, type WebServer } from './server'
import { createService } from './service'
import { ImportJobs } from './import/jobs'
import { addDigest, paper, tmpDb, tmpDir } from '../../tests/helpers/tmp'

let web: WebServer
let done: () => void

beforeAll(async () => {
  const t = tmpDb()
  const tmp = tmpDir()
  const root = join(tmp.dir, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Papershelf</title>')
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(tmp.dir, 'secret.txt'), 'do not serve')
  addDigest(t.db, 'd.txt', [paper('One'), paper('Two')])
  web = await serve({
    handlers: createService({ db: t.db, jobs: new ImportJobs(t.db, t.path, null) }),
    root,
    port: 0
  })
  done = () => {
    t.cleanup()
    tmp.cleanup()
  }
})
afterAll(async () => {
  await web.close()
  done()
})

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function call(
  path: string,
  {
    method = 'POST',
    headers = {},
    body
  }: { method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: web.port,
        path,
        method,
        headers: { Host: `127.0.0.1:${web.port}`, ...headers }
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString()
          })
        )
      }
    )
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}

const good = (): Record<string, string> => ({
  Authorization: `Bearer ${web.token}`,
  'Content-Type': 'application/json'
})

describe('browser-mode server', () => {
  it('prints a URL on 127.0.0.1 carrying the token in the fragment', () => {
    expect(web.url).toBe(`http://127.0.0.1:${web.port}/#token=${web.token}`)
    expect(web.server.address()).toMatchObject({ address: '127.0.0.1' })
  })

  it('answers API calls that carry the token', async () => {
    const r = await call('/api/counts', { headers: good(), body: '{}' })
    expect(r.status).toBe(200)
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { all: 2, unread: 2 } })
  })

  it('refuses a request without the token, or with a wrong one', async () => {
    expect(
      (await call('/api/counts', { headers: { 'Content-Type': 'application/json' }, body: '{}' })).status
    ).toBe(403)
    const wrong = { ...good(), Authorization: `Bearer ${web.token.slice(0, -2)}xx` }
    expect((await call('/api/counts', { headers: wrong, body: '{}' })).status).toBe(403)
  })

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    expect(
      (await call('/api/counts', { headers: { ...good(), Host: 'evil.example:80' }, body: '{}' })).status
    ).toBe(403)
    expect((await call('/', { method: 'GET', headers: { Host: `evil.example:${web.port}` } })).status).toBe(
      403
    )
    const origin = { ...good(), Origin: 'http://evil.example' }
    expect((await call('/api/counts', { headers: origin, body: '{}' })).status).toBe(403)
  })

  it('refuses a cross-site form post (non-JSON content type) and a state-changing GET', async () => {
    const form = { ...good(), 'Content-Type': 'application/x-www-form-urlencoded' }
    const r = await call('/api/setRead', { headers: form, body: 'ids=1&read=true' })
    expect(r.status).toBe(415)
    expect((await call('/api/setRead?ids=1&read=true', { method: 'GET', headers: good() })).status).toBe(405)
    const counts = JSON.parse((await call('/api/counts', { headers: good(), body: '{}' })).body)
    expect(counts.value.read).toBe(0)
  })

  it('validates input against the contract and changes nothing on a bad request', async () => {
    const r = await call('/api/setRead', {
      headers: good(),
      body: JSON.stringify({ ids: ['1'], read: true })
    })
    expect(r.status).toBe(400)
    expect(JSON.parse(r.body).error.message).toMatch(/Invalid request to setRead \(ids\.0\)/)
    const bad = await call('/api/setRead', { headers: good(), body: '{not json' })
    expect(bad.status).toBe(400)
  })

  it('sends no CORS headers, serves the renderer, and never serves files outside it', async () => {
    const page = await call('/', { method: 'GET', headers: { Origin: `http://127.0.0.1:${web.port}` } })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Papershelf</title>')
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    const api = await call('/api/counts', { headers: good(), body: '{}' })
    for (const r of [page, api]) {
      expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([])
    }
    expect((await call('/assets/app.js', { method: 'GET' })).headers['content-type']).toMatch(/javascript/)
    expect((await call('/../secret.txt', { method: 'GET' })).status).not.toBe(200)
    expect((await call('/%2e%2e/secret.txt', { method: 'GET' })).status).not.toBe(200)
    expect((await call('/..%2fsecret.txt', { method: 'GET' })).status).toBe(403)
  })
})
