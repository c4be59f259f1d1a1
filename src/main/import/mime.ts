// A digest saved as an e-mail file (.eml): the message's HTML or plain-text part is what gets parsed.
// Handles multipart bodies, quoted-printable and base64, and the part's own charset.

const MAX_HEADER_LINES = 300
const MAX_DEPTH = 5

interface Entity {
  headers: Map<string, string>
  body: string
}

// Headers up to the first blank line; null when the text does not start with a header block.
function splitEntity(text: string): Entity | null {
  const headers = new Map<string, string>()
  let pos = 0
  let last: string | null = null
  for (let count = 0; count < MAX_HEADER_LINES; count++) {
    const nl = text.indexOf('\n', pos)
    const line = text.slice(pos, nl < 0 ? text.length : nl)
    pos = nl < 0 ? text.length : nl + 1
    if (line.trim() === '') return { headers, body: text.slice(pos) }
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== null) {
      headers.set(last, `${headers.get(last) ?? ''} ${line.trim()}`)
    } else if (count === 0 && line.startsWith('From ')) {
      // An mbox separator line.
    } else {
      const header = /^([A-Za-z][A-Za-z0-9-]{0,60}):[ \t]*(.*)$/.exec(line.slice(0, 2000))
      if (!header) return null
      last = (header[1] ?? '').toLowerCase()
      if (!headers.has(last)) headers.set(last, header[2] ?? '')
    }
    if (nl < 0) return { headers, body: '' }
  }
  return null
}

function param(value: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value)
  return match ? (match[1] ?? match[2] ?? null) : null
}

function quotedPrintable(body: string): Uint8Array {
  const bytes: number[] = []
  const encoder = new TextEncoder()
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i)
    if (c === 61) {
      if (body[i + 1] === '\n') {
        i++
        continue
      }
      const hex = body.slice(i + 1, i + 3)
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16))
        i += 2
        continue
      }
    }
    if (c < 128) bytes.push(c)
    else for (const b of encoder.encode(String.fromCodePoint(body.codePointAt(i) ?? c))) bytes.push(b)
    if (c >= 0xd800 && c <= 0xdbff) i++
  }
  return Uint8Array.from(bytes)
}

function decodeBody(entity: Entity, contentType: string): string {
  const encoding = (entity.headers.get('content-transfer-encoding') ?? '').trim().toLowerCase()
  let bytes: Uint8Array
  if (encoding === 'quoted-printable') bytes = quotedPrintable(entity.body)
  else if (encoding === 'base64') bytes = Buffer.from(entity.body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64')
  else return entity.body
  const charset = param(contentType, 'charset') ?? 'utf-8'
  try {
    return new TextDecoder(charset).decode(bytes)
  } catch {
    return new TextDecoder('utf-8').decode(bytes)
  }
}

function textParts(entity: Entity, depth: number, out: { type: string; text: string }[]): void {
  const contentType = entity.headers.get('content-type') ?? 'text/plain'
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase()
  if (type.startsWith('multipart/')) {
    const boundary = param(contentType, 'boundary')
    if (!boundary || depth >= MAX_DEPTH) return
    const delimiter = `--${boundary}`
    for (const chunk of `\n${entity.body}`.split(`\n${delimiter}`).slice(1)) {
      if (chunk.startsWith('--')) break
      const part = splitEntity(chunk.slice(chunk.indexOf('\n') + 1))
      if (part) textParts(part, depth + 1, out)
    }
    return
  }
  if (type === 'text/html' || type === 'text/plain') out.push({ type, text: decodeBody(entity, contentType) })
}

/**
 * The body of an e-mail message (its HTML part when it has one, else its plain-text part), or null
 * when the text is not an e-mail message.
 */
export function unwrapEmail(text: string): string | null {
  const entity = splitEntity(text)
  if (!entity) return null
  const h = entity.headers
  const isMail = h.has('content-type') || h.has('mime-version') || (h.has('from') && h.has('subject'))
  if (!isMail) return null
  const parts: { type: string; text: string }[] = []
  textParts(entity, 0, parts)
  const part = parts.find((p) => p.type === 'text/html') ?? parts.find((p) => p.type === 'text/plain')
  return part ? part.text : null
}
