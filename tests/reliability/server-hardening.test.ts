// Issue 8, part 7: browser mode's local server, attacked from outside the happy path that
// src/main/server.test.ts covers: the token anywhere but its header, bodies that are huge or deep, path
// traversal in every spelling, foreign Hosts and Origins, unusual methods, and the listening address as
// the operating system reports it. No response, error or not, may carry a CORS header.
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { networkInterfaces } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../src/main/db/connection'
import { ImportJobs } from '../../src/main/import/jobs'
import { serve, type WebServer } from '../../src/main/server'
import { createService } from '../../src/main/service'
import { tmpDir } from '../helpers/tmp'
import { ensureBuilt } from './support/build'
import { seedLibrary } from './support/library'
import { killHard, startWeb } from './support/processes'

const SECRET = 'the secret that must never be served'

let web: WebServer
let db: Db
let cleanup: () => void

interface Reply {
  status: number
  headers: Record<string, string>
  body: string
}
/** Every reply of this file, checked at the end for CORS and security headers. */
const replies: Array<{ what: string; reply: Reply }> = []

/**
 * One request written by hand on a raw socket: nothing normalises the path or adds headers. `more` goes on
 * writing after it (a body streamed in parts); writes the server cut short by hanging up are expected then,
 * and the reply is what is judged.
 */
function raw(
  request: string | Buffer,
  what = String(request).split('\r\n')[0] ?? '',
  more?: (socket: Socket) => void
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const socket = connect(web.port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.on('data', (c) => chunks.push(c))
    socket.on('error', (err) => {
      if (!more) reject(err)
    })
    // The server ends the connection after its reply (Connection: close); half-closing first would make
    // it drop the request unanswered.
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1')
      const [head = '', ...rest] = text.split('\r\n\r\n')
      const [statusLine = '', ...lines] = head.split('\r\n')
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()])
      )
      const reply = { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') }
      replies.push({ what, reply })
      resolve(reply)
    })
    socket.write(request)
    more?.(socket)
  })
}

interface Req {
  method?: string
  path: string
  headers?: Record<string, string>
  body?: string
}
function request({ method = 'GET', path, headers = {}, body = '' }: Req): Promise<Reply> {
  const all: Record<string, string> = {
    Host: `127.0.0.1:${web.port}`,
    Connection: 'close',
    ...(body || method === 'POST' ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}),
    ...headers
  }
  const head = Object.entries(all)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n')
  return raw(`${method} ${path} HTTP/1.1\r\n${head}\r\n\r\n${body}`, `${method} ${path}`)
}

const api = (method: string, headers: Record<string, string> = {}, body = '{}', path = `/api/${method}`) =>
  request({
    method: 'POST',
    path,
    headers: { Authorization: `Bearer ${web.token}`, 'Content-Type': 'application/json', ...headers },
    body
  })

beforeAll(async () => {
  const t = tmpDir('papershelf-server-')
  cleanup = t.cleanup
  const root = join(t.dir, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Papershelf</title>')
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(t.dir, 'secret.txt'), SECRET)
  writeFileSync(join(t.dir, 'renderer-secret.txt'), SECRET)
  db = openDatabase(join(t.dir, 'library.db'))
  seedLibrary(db)
  web = await serve({
    handlers: createService({ db, jobs: new ImportJobs(db, db.name, null) }),
    root,
    port: 0
  })
})
afterAll(async () => {
  await web.close()
  db.close()
  cleanup()
})

describe('the session token', () => {
  it('is accepted in its header, and only there', async () => {
    expect((await api('counts')).status).toBe(200)
    const noHeader = { Authorization: '' }
    const refused = [
      await api('counts', noHeader, '{}', `/api/counts?token=${web.token}`),
      await api('counts', noHeader, '{}', `/api/counts#token=${web.token}`),
      await api('counts', { Authorization: '', Cookie: `token=${web.token}` }),
      await api('counts', { Authorization: web.token }),
      await api('counts', { Authorization: `Basic ${Buffer.from(`x:${web.token}`).toString('base64')}` }),
      await api('counts', { Authorization: `Bearer ${web.token}x` }),
      await api('counts', { Authorization: `Bearer ${web.token.slice(0, -1)}` }),
      await api('counts', { Authorization: 'Bearer ' }),
      await api('counts', { Authorization: `Bearer  ${web.token}` }),
      await api('counts', { Authorization: '', 'X-Token': web.token }),
      await api('counts', noHeader, JSON.stringify({ token: web.token }))
    ]
    for (const r of refused) expect(r.status).toBe(403)
  })

  it('is checked before the body is read: an unauthenticated 50 MB post is cut short', async () => {
    const started = performance.now()
    const r = await request({
      method: 'POST',
      path: '/api/saveNote',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(50 * 1024 * 1024) },
      body: '{"id":1,"body":"'
    })
    expect(r.status).toBe(403)
    expect(performance.now() - started).toBeLessThan(2_000)
  })
})

describe('request bodies', () => {
  it('refuses a body that grows over the size limit with 413, without taking the server down', async () => {
    // 300 MB is the limit (a base64 digest of 200 MB plus room). 310 MB is sent chunked, without a declared
    // length, so the server has to count as it reads.
    const chunk = Buffer.alloc(1024 * 1024, 0x20)
    const total = 310
    const head =
      `POST /api/saveNote HTTP/1.1\r\nHost: 127.0.0.1:${web.port}\r\nAuthorization: Bearer ${web.token}\r\n` +
      `Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`
    const reply = await raw(head, 'POST 310 MB chunked', (socket) => {
      let sent = 0
      const pump = (): void => {
        while (sent < total && !socket.destroyed) {
          sent++
          if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`))
            return void socket.once('drain', pump)
        }
        if (!socket.destroyed) socket.end('0\r\n\r\n')
      }
      pump()
    })
    expect(reply.status).toBe(413)
    expect((await api('counts')).status).toBe(200)
  }, 60_000)

  it('refuses a declared length over the limit at once, before any of the body', async () => {
    const reply = await raw(
      `POST /api/saveNote HTTP/1.1\r\nHost: 127.0.0.1:${web.port}\r\nAuthorization: Bearer ${web.token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${400 * 1024 * 1024}\r\n\r\n`
    )
    expect(reply.status).toBe(413)
    expect(reply.body).toContain('larger than 300 MB')
  })

  it('answers bodies that are deep, odd or not JSON with a 4xx, never a crash', async () => {
    const deep = '['.repeat(1_000_000) + ']'.repeat(1_000_000)
    const bodies = [
      deep,
      '{"id":1,"body":"x","__proto__":{"polluted":1}}',
      'null',
      '"x"',
      '1e400',
      '\u0000',
      '{'
    ]
    for (const body of bodies) {
      const r = await api('saveNote', {}, body)
      expect(r.status, body.slice(0, 20)).toBeGreaterThanOrEqual(400)
      expect(r.status, body.slice(0, 20)).toBeLessThan(500)
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('accepts JSON only, whatever the content type claims', async () => {
    expect((await api('counts', { 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(200)
    for (const type of [
      'text/plain',
      'application/jsonp',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      '',
      'application/json-seq',
      'text/json'
    ]) {
      expect((await api('counts', { 'Content-Type': type })).status, type).toBe(415)
    }
  })

  it('knows only the contract methods, not what objects inherit', async () => {
    for (const name of [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      '..%2fcounts',
      'COUNTS'
    ]) {
      expect((await api(name)).status, name).toBe(404)
    }
  })
})

describe('static files', () => {
  it('never serves a file outside the renderer, however the path is spelled', async () => {
    const attempts = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/..\\secret.txt',
      '/.%2e/secret.txt',
      '/assets/../../secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/%252e%252e/secret.txt',
      '//secret.txt',
      '/%2fetc%2fpasswd',
      '/....//secret.txt',
      '/..;/secret.txt',
      '/%c0%ae%c0%ae/secret.txt',
      '/%00../secret.txt',
      '/index.html%00.png',
      '/../renderer-secret.txt',
      '/%2e%2e/renderer-secret.txt',
      `http://127.0.0.1:${web.port}/../secret.txt`,
      '/etc/passwd',
      '/proc/self/environ'
    ]
    for (const path of attempts) {
      const r = await request({ path })
      expect(r.body.includes(SECRET), path).toBe(false)
      expect(r.body, path).not.toMatch(/root:x:0:0|PATH=/)
      // A spelling that lands inside the renderer (e.g. "//secret.txt" is the page's own "/") may serve it.
      if (r.status === 200) expect(r.body, path).toContain('<title>Papershelf</title>')
    }
    // The real files are still served.
    expect((await request({ path: '/' })).body).toContain('<title>Papershelf</title>')
    expect((await request({ path: '/assets/app.js' })).headers['content-type']).toMatch(/javascript/)
  })

  // Regression: an unguarded decodeURIComponent turned a malformed escape into a 500 and a logged stack.
  it('a malformed percent-escape in the path is a 400, not a 500', async () => {
    for (const path of ['/%E0%A4%A', '/%c0%ae%c0%ae/secret.txt', '/%']) {
      expect((await request({ path })).status, path).toBeLessThan(500)
    }
  })
})

describe('hosts, origins and methods', () => {
  it('refuses foreign and malformed Hosts, missing Host included', async () => {
    const hosts = [
      'evil.example',
      `evil.example:${web.port}`,
      '127.0.0.1',
      `127.0.0.1:${web.port}.evil.example`,
      `127.0.0.1:${web.port + 1}`,
      `0.0.0.0:${web.port}`,
      `[::1]:${web.port}`,
      `127.0.0.1:${web.port}@evil.example`
    ]
    for (const host of hosts) expect((await api('counts', { Host: host })).status, host).toBe(403)
    expect((await raw(`GET / HTTP/1.0\r\n\r\n`)).status).toBe(403)
    expect((await api('counts', { Host: `localhost:${web.port}` })).status).toBe(200)
  })

  it('refuses foreign, opaque and look-alike Origins', async () => {
    const origins = [
      'null',
      'http://evil.example',
      `https://127.0.0.1:${web.port}`,
      `http://127.0.0.1:${web.port}.evil.example`,
      `http://127.0.0.1:${web.port + 1}`,
      'file://',
      `http://127.0.0.1:${web.port}/`
    ]
    for (const origin of origins) expect((await api('counts', { Origin: origin })).status, origin).toBe(403)
    expect((await api('counts', { Origin: `http://127.0.0.1:${web.port}` })).status).toBe(200)
  })

  it('answers HEAD, OPTIONS and other methods without CORS and without running the API', async () => {
    expect((await request({ method: 'HEAD', path: '/' })).status).toBe(200)
    const preflight = await request({
      method: 'OPTIONS',
      path: '/api/setRead',
      headers: {
        Origin: 'http://evil.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type'
      }
    })
    expect(preflight.status).toBeGreaterThanOrEqual(400)
    const sameOriginPreflight = await request({
      method: 'OPTIONS',
      path: '/api/setRead',
      headers: { Origin: `http://127.0.0.1:${web.port}`, 'Access-Control-Request-Method': 'POST' }
    })
    expect(sameOriginPreflight.status).toBe(405)
    for (const method of ['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE']) {
      const r = await request({
        method,
        path: '/api/setRead',
        headers: { Authorization: `Bearer ${web.token}`, 'Content-Type': 'application/json' },
        body: method === 'GET' || method === 'HEAD' ? '' : '{"ids":[1],"read":false}'
      })
      expect(r.status, method).toBe(405)
    }
    for (const method of ['PUT', 'DELETE', 'POST', 'TRACE']) {
      expect((await request({ method, path: '/index.html' })).status, method).toBe(405)
    }
  })
})

describe('every reply of this file', () => {
  it('carries no CORS header and the security headers', () => {
    expect(replies.length).toBeGreaterThan(60)
    for (const { what, reply } of replies) {
      expect(
        Object.keys(reply.headers).filter((h) => h.startsWith('access-control-')),
        what
      ).toEqual([])
      if (reply.status) {
        expect(reply.headers['x-content-type-options'], what).toBe('nosniff')
        expect(reply.headers['x-frame-options'], what).toBe('DENY')
      }
    }
  })
})

describe('browser mode as started by npm run web', () => {
  it('listens on 127.0.0.1 only, as the operating system sees it', async () => {
    ensureBuilt()
    const t = tmpDir('papershelf-listen-')
    const app = await startWeb(join(t.dir, 'library.db'))
    try {
      const listening = execFileSync('ss', ['-Hltn'], { encoding: 'utf8' })
        .split('\n')
        .map((line) => line.trim().split(/\s+/)[3] ?? '')
        .filter((local) => local.endsWith(`:${app.port}`))
      expect(listening).toEqual([`127.0.0.1:${app.port}`])

      // And from the other addresses of this machine, nobody answers.
      const others = Object.values(networkInterfaces())
        .flat()
        .filter((a) => a && !a.internal)
        .map((a) => a!.address)
      for (const address of [...others, '::1']) {
        const reached = await new Promise<boolean>((resolve) => {
          const s = connect({ host: address, port: app.port, timeout: 1_000 })
          s.on('connect', () => (s.destroy(), resolve(true)))
          s.on('error', () => resolve(false))
          s.on('timeout', () => (s.destroy(), resolve(false)))
        })
        expect(reached, address).toBe(false)
      }
    } finally {
      await killHard(app.child)
      t.cleanup()
    }
  }, 30_000)
})
