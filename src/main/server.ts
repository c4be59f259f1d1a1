// Browser mode's transport: the real renderer and the API over HTTP on 127.0.0.1, for one user.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { AddressInfo } from 'node:net'
import { dispatch, isMethod } from './dispatch'
import type { Handlers } from './service'
import type { ApiErrorShape, Envelope } from '../shared/api'

const MAX_BODY = 300 * 1024 * 1024

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

const STATUS: Record<ApiErrorShape['code'], number> = {
  invalid_input: 400,
  not_found: 404,
  busy: 409,
  user_error: 422,
  internal: 500
}

export interface WebServer {
  server: Server
  port: number
  token: string
  url: string
  close: () => Promise<void>
}

export interface ServeOptions {
  handlers: Handlers
  /** The built renderer (out/renderer). */
  root: string
  port?: number
  token?: string
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin'
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'text/plain; charset=utf-8'
): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store' })
  res.end(body)
}

function sendEnvelope(res: ServerResponse, status: number, envelope: Envelope<unknown>): void {
  send(res, status, JSON.stringify(envelope), 'application/json')
}

const invalid = (message: string): Envelope<unknown> => ({
  ok: false,
  error: { code: 'invalid_input', message }
})

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

class TooLarge extends Error {}

/** The body, or TooLarge as soon as it (or its declared length) passes MAX_BODY; the rest is not read. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return reject(new TooLarge())
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new TooLarge())
        req.pause()
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export function serve(options: ServeOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  let port = 0
  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`]

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      console.error(err)
      if (!res.headersSent) send(res, 500, 'Internal error')
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a foreign page that resolves its own name to 127.0.0.1 still sends its own Host.
    if (!allowedHosts().includes(req.headers.host ?? '')) return send(res, 403, 'Forbidden host')
    const origin = req.headers.origin
    if (origin !== undefined && !allowedHosts().some((h) => origin === `http://${h}`)) {
      return send(res, 403, 'Forbidden origin')
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'The API accepts POST only')
      const auth = req.headers.authorization ?? ''
      if (!auth.startsWith('Bearer ') || !sameToken(auth.slice(7), token)) return send(res, 403, 'Forbidden')
      // A cross-site form can only post form or text bodies, never application/json without a preflight.
      if (!/^application\/json(;|$)/i.test(req.headers['content-type'] ?? '')) {
        return send(res, 415, 'The API accepts application/json only')
      }
      const name = url.pathname.slice('/api/'.length)
      if (!isMethod(name)) return send(res, 404, 'Unknown method')
      let input: unknown
      try {
        input = JSON.parse((await readBody(req)).toString('utf8'))
      } catch (err) {
        if (err instanceof TooLarge) {
          // Answer, then drop the connection rather than read the rest of the upload.
          res.once('finish', () => req.destroy())
          res.shouldKeepAlive = false
          return sendEnvelope(res, 413, invalid(`The request is larger than ${MAX_BODY / 1024 / 1024} MB.`))
        }
        return sendEnvelope(res, 400, invalid('The request body is not valid JSON.'))
      }
      const envelope = await dispatch(options.handlers, name, input)
      return sendEnvelope(res, envelope.ok ? 200 : STATUS[envelope.error.code], envelope)
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed')
    let rel: string
    try {
      rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1))
    } catch {
      return send(res, 400, 'Bad path')
    }
    const file = normalize(join(options.root, rel))
    if (!file.startsWith(normalize(options.root) + sep)) return send(res, 403, 'Forbidden')
    let body: Buffer
    try {
      body = await readFile(file)
    } catch {
      return send(res, 404, 'Not found')
    }
    send(res, 200, body, TYPES[extname(file)] ?? 'application/octet-stream')
  }

  return new Promise((resolve, reject) => {
    const listen = (p: number, fallback: boolean): void => {
      server.once('error', (err: NodeJS.ErrnoException) => {
        if (fallback && err.code === 'EADDRINUSE') listen(0, false)
        else reject(err)
      })
      server.listen(p, '127.0.0.1', () => {
        port = (server.address() as AddressInfo).port
        resolve({
          server,
          port,
          token,
          url: `http://127.0.0.1:${port}/#token=${token}`,
          close: () => new Promise((r) => server.close(() => r()))
        })
      })
    }
    // The default port is only a preference: when it is taken, any free one will do.
    listen(options.port ?? 5183, options.port === undefined)
  })
}
