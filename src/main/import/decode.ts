// Bytes to text: the encoding is detected from the bytes themselves (BOM, UTF-8 validity), never from
// the file name. Also recognises files that are not text at all, so the user gets a precise reason.
import { nfcStretch } from './normalise'

export interface Decoded {
  text: string
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'
  warnings: string[]
}

const SAMPLE = 64 * 1024

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false
  return prefix.every((b, i) => bytes[at + i] === b)
}

function ascii(s: string): number[] {
  return [...s].map((ch) => ch.charCodeAt(0))
}

function includesAscii(bytes: Uint8Array, needle: string, limit: number): boolean {
  const end = Math.min(bytes.length, limit)
  const first = needle.charCodeAt(0)
  for (let i = bytes.indexOf(first); i >= 0 && i < end; i = bytes.indexOf(first, i + 1)) {
    if (startsWith(bytes, ascii(needle), i)) return true
  }
  return false
}

function zipKind(bytes: Uint8Array): string {
  // Office files are ZIP archives whose first entries name their parts.
  if (includesAscii(bytes, 'word/', SAMPLE)) return 'a Word document'
  if (includesAscii(bytes, 'xl/', SAMPLE)) return 'an Excel workbook'
  if (includesAscii(bytes, 'ppt/', SAMPLE)) return 'a PowerPoint presentation'
  if (includesAscii(bytes, 'application/epub', SAMPLE)) return 'an EPUB e-book'
  if (includesAscii(bytes, 'opendocument', SAMPLE)) return 'an OpenDocument file'
  return 'a ZIP archive'
}

const MAGIC: ReadonlyArray<{ bytes: number[]; kind: string | ((b: Uint8Array) => string) }> = [
  { bytes: ascii('%PDF'), kind: 'a PDF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'a JPEG image' },
  { bytes: ascii('GIF8'), kind: 'a GIF image' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: zipKind },
  { bytes: [0x50, 0x4b, 0x05, 0x06], kind: 'an empty ZIP archive' },
  { bytes: [0x1f, 0x8b], kind: 'a gzip-compressed file' },
  { bytes: ascii('BZh'), kind: 'a bzip2-compressed file' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], kind: 'an xz-compressed file' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], kind: 'a 7-Zip archive' },
  { bytes: ascii('Rar!'), kind: 'a RAR archive' },
  { bytes: ascii('SQLite format 3'), kind: 'an SQLite database' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], kind: 'an old-style Office document' },
  { bytes: ascii('{\\rtf'), kind: 'an RTF document' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], kind: 'a program (ELF executable)' },
  { bytes: ascii('MZ'), kind: 'a Windows program' }
]

/** Why these bytes are not a text digest, as one sentence, or null when they look like text. */
export function sniffBinary(bytes: Uint8Array): string | null {
  for (const { bytes: magic, kind } of MAGIC) {
    if (startsWith(bytes, magic)) {
      // "MZ" and "BZh" are also how some text starts; only call it a program when the rest is binary too.
      if (
        (kind === 'a Windows program' || kind === 'a bzip2-compressed file') &&
        controlRatio(bytes) < 0.05
      ) {
        continue
      }
      if (kind === 'an RTF document')
        return 'This file is an RTF document; save it as plain text and import that.'
      return `This file is ${typeof kind === 'string' ? kind : kind(bytes)}, not a digest.`
    }
  }
  if (bomEncoding(bytes) || utf16WithoutBom(bytes)) return null
  const webp = startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)
  if (webp) return 'This file is a WebP image, not a digest.'
  if (controlRatio(bytes) > 0.02) return 'This file contains binary data, not text.'
  return null
}

// Share of bytes in a sample that no text file contains: NUL and the C0 controls other than whitespace.
function controlRatio(bytes: Uint8Array): number {
  const head = bytes.subarray(0, SAMPLE)
  const tail = bytes.length > 2 * SAMPLE ? bytes.subarray(bytes.length - SAMPLE) : new Uint8Array(0)
  let bad = 0
  for (const part of [head, tail]) {
    for (let i = 0; i < part.length; i++) {
      const b = part[i] ?? 0
      if ((b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27) || b === 127) bad++
    }
  }
  const total = head.length + tail.length
  return total === 0 ? 0 : bad / total
}

function bomEncoding(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | null {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return 'utf-8'
  if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le'
  if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be'
  return null
}

// UTF-16 text saved without a BOM: ASCII characters leave a NUL in every other byte.
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1
  if (n < 4) return null
  let evenNul = 0
  let oddNul = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++
    if (bytes[i + 1] === 0) oddNul++
  }
  const pairs = n / 2
  if (oddNul > pairs * 0.6 && evenNul < pairs * 0.05) return 'utf-16le'
  if (evenNul > pairs * 0.6 && oddNul < pairs * 0.05) return 'utf-16be'
  return null
}

/** How many U+FFFD replacement characters, and how many other non-ASCII characters, `text` holds. */
function nonAscii(text: string): { replaced: number; other: number } {
  let replaced = 0
  let other = 0
  for (const m of text.matchAll(/[\u0080-\uffff]/g)) {
    if (m[0] === '\ufffd') replaced++
    else other++
  }
  return { replaced, other }
}

/**
 * Decodes a digest file: UTF-8 (with or without BOM), UTF-16 LE/BE, or Windows-1252 when the bytes are
 * not UTF-8 (a few bad bytes in otherwise UTF-8 text become U+FFFD instead). Line breaks become "\n", the
 * text is NFC, and control characters other than "\n" and "\t" are removed (form feeds and vertical tabs
 * become line breaks so no words run together).
 */
export function decodeBytes(bytes: Uint8Array): Decoded {
  const warnings: string[] = []
  let encoding: Decoded['encoding'] = bomEncoding(bytes) ?? utf16WithoutBom(bytes) ?? 'utf-8'
  let text: string
  if (encoding === 'utf-8') {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      const lenient = new TextDecoder('utf-8').decode(bytes)
      const { replaced, other } = nonAscii(lenient)
      // Mostly good UTF-8 with a few bad bytes (a damaged or concatenated file): keep the rest intact rather
      // than turn every accented letter of it into Windows-1252 mojibake.
      if (other >= 2 * replaced) {
        text = lenient
        const bad = replaced === 1 ? '1 character was' : `${replaced} characters were`
        warnings.push(`${bad} not valid UTF-8 and shown as �.`)
      } else {
        encoding = 'windows-1252'
        text = new TextDecoder('windows-1252').decode(bytes)
        warnings.push('The file is not valid UTF-8, so it was read as Windows-1252; check accented letters.')
      }
    }
  } else {
    text = new TextDecoder(encoding).decode(bytes)
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  return { text: clean(text), encoding, warnings }
}

// Control characters other than "\t" and "\n", and characters that may change under NFC: one plain
// character class, so that clean text costs a single scan at memory speed.
const CONTROL_OR_UNSTABLE = /[^\t\n\x20-\x7e\x80-\u02ff\u2002-\u2125\u2190-\u22ff\u3000-\u30ff\u4e00-\u9fff]/g

// Removes control characters (line breaks and form feeds become "\n") and composes to NFC, in one pass.
export function clean(text: string): string {
  CONTROL_OR_UNSTABLE.lastIndex = 0
  let match = CONTROL_OR_UNSTABLE.exec(text)
  if (!match) return text
  let out = ''
  let last = 0
  while (match) {
    const i = match.index
    const c = text.charCodeAt(i)
    if (c < 128) {
      out += text.slice(last, i)
      last = i + 1
      if (c === 13 || c === 11 || c === 12) out += '\n'
      if (c === 13 && text.charCodeAt(i + 1) === 10) last++
    } else {
      const { start, end } = nfcStretch(text, i, last)
      out += text.slice(last, start) + text.slice(start, end).normalize('NFC')
      last = end
    }
    CONTROL_OR_UNSTABLE.lastIndex = last
    match = CONTROL_OR_UNSTABLE.exec(text)
  }
  return out + text.slice(last)
}
