// The hostile-input corpus: every case is a file written at test time (big and binary ones are generated,
// never committed) plus what importing it must do. The rules every case obeys are in
// tests/reliability/hostile-input.test.ts; the expectations here are only what is specific to a case.
import {
  closeSync,
  ftruncateSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { crc32, gzipSync } from 'node:zlib'
import { ROOT, sized } from './env'
import { HOSTILE_DIGESTS, PAPERS_PER_DIGEST } from './payloads'

export interface Case {
  name: string
  group: 'encoding' | 'size' | 'binary' | 'html' | 'injection' | 'json'
  /** The file's name: the importer must judge by content, so binaries are named .txt and .html too. */
  file: string
  /** The bytes, or a size for a sparse file that is never read into memory here. */
  bytes: () => Uint8Array | { sparseBytes: number }
  expect: 'import' | 'refuse' | 'either'
  /** What the refusal must say. */
  reason?: RegExp
  /** Titles that must all be imported, exactly. */
  titles?: string[]
  /** How many papers the file holds, when that is known. */
  found?: number
  format?: string
  /** Bounds the case: beyond it the import counts as hung and its process is killed. */
  timeoutMs?: number
  /** Big libraries are compared by counts and earlier rows rather than by a full dump. */
  big?: boolean
}

const MB = 1024 * 1024
const te = (s: string): Buffer => Buffer.from(s, 'utf8')

/** A small BibTeX digest whose titles exercise every plane of Unicode a decoder can get wrong. */
export const BASE_TITLES = ['Café Über Naïve Models', 'Zürich 中文 Retrieval 😀', 'Plain ASCII Title']
const BASE = [
  `@article{enc1, title = {${BASE_TITLES[0]}}, author = {Zoë Ångström}, abstract = {Ça marche très bien.}}`,
  `@article{enc2, title = {${BASE_TITLES[1]}}, author = {李 雷}, url = {https://example.org/enc2}}`,
  `@article{enc3, title = {${BASE_TITLES[2]}}}`,
  ''
].join('\n')
const LATIN_TITLES = ['Café Über Naïve Models', 'Zürich Retrieval', 'Plain ASCII Title']
const LATIN = BASE.replace(' 中文', '').replace(' 😀', '').replace('李 雷', 'Li Lei')

function utf16(s: string, be: boolean): Buffer {
  const b = Buffer.from(s, 'utf16le')
  return be ? b.swap16() : b
}

function utf32le(s: string): Buffer {
  const out = Buffer.alloc(s.length * 4)
  let at = 0
  for (const ch of s) at = out.writeUInt32LE(ch.codePointAt(0) as number, at)
  return out.subarray(0, at)
}

/** Puts raw bytes where "XX" stands in the text. */
function splice(text: string, bytes: number[]): Buffer {
  const b = te(text)
  const at = b.indexOf('XX')
  return Buffer.concat([b.subarray(0, at), Buffer.from(bytes), b.subarray(at + 2)])
}

function bib(count: number, make: (i: number) => string): Buffer {
  const parts: string[] = []
  for (let i = 0; i < count; i++) parts.push(make(i))
  return te(parts.join('\n'))
}

// A real 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64'
)

/** A real ZIP archive with stored (uncompressed) entries, as any unzip tool reads it. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, text] of Object.entries(entries)) {
    const data = te(text)
    const fileName = te(name)
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(fileName.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(fileName.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, fileName, data)
    centrals.push(central, fileName)
    offset += local.length + fileName.length + data.length
  }
  const dir = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(entries).length, 8)
  end.writeUInt16LE(Object.keys(entries).length, 10)
  end.writeUInt32LE(dir.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, dir, end])
}

/** Deterministic noise, so a binary case is the same bytes on every run. */
function noise(n: number, seed = 7): Buffer {
  const b = Buffer.alloc(n)
  let x = seed
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0
    b[i] = x >>> 24
  }
  return b
}

/** The first page of an SQLite file: its header, then page bytes. */
function sqliteBytes(): Buffer {
  return Buffer.concat([te('SQLite format 3\0'), noise(4096 - 16)])
}

/** The start of this very Node binary: a real ELF (or Mach-O/PE elsewhere) executable. */
function executable(): Buffer {
  const fd = openSync(process.execPath, 'r')
  try {
    const b = Buffer.alloc(64 * 1024)
    return b.subarray(0, readSync(fd, b, 0, b.length, 0))
  } finally {
    closeSync(fd)
  }
}

const binaries: Array<{ kind: string; bytes: () => Buffer; reason: RegExp }> = [
  {
    kind: 'pdf',
    bytes: () => Buffer.concat([te('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n'), noise(8192)]),
    reason: /PDF/
  },
  { kind: 'png', bytes: () => PNG, reason: /PNG/ },
  { kind: 'zip', bytes: () => zip({ 'digest.txt': BASE, 'more.bib': BASE }), reason: /ZIP/ },
  {
    kind: 'docx',
    bytes: () => zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }),
    reason: /Word/
  },
  { kind: 'elf', bytes: executable, reason: /program|ELF|executable/i },
  { kind: 'gzip', bytes: () => gzipSync(BASE), reason: /gzip/ },
  { kind: 'sqlite', bytes: sqliteBytes, reason: /SQLite/ },
  {
    kind: 'jpeg',
    bytes: () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), noise(2048)]),
    reason: /JPEG/
  },
  { kind: 'windows-exe', bytes: () => Buffer.concat([te('MZ'), noise(4096)]), reason: /program|binary/i },
  { kind: 'random', bytes: () => noise(65536, 99), reason: /binary/ }
]

const HOSTILE_DIR = join(ROOT, 'tests/fixtures/hostile')

/** Titles that must come out of each committed HTML page (the rest of each page is decoys and traps). */
const HTML_TITLES: Record<string, string[]> = {
  'html-unclosed-forms.html': ['Real Paper One Inside Unclosed Forms', 'Real Paper Two Inside a Select'],
  'html-svg-math.html': [
    'Real Paper After an SVG Style Trick',
    'Real Paper After a MathML Mode Switch',
    'Real Paper In a foreignObject'
  ],
  'html-comments.html': [
    'Real Paper Between Comments',
    'Real Paper After Dashes',
    'Real Paper Before an Unterminated Comment'
  ],
  'html-rawtext.html': [
    'Real Paper Next to Raw Text Elements',
    'Real Paper After a Split Script End',
    'Real Paper With an Onclick Link'
  ],
  'html-rcdata.html': [
    'Real Paper Next to RCDATA Elements',
    'Real Paper After a Textarea',
    'Real Paper After xmp'
  ]
}

export function corpus(): Case[] {
  const cases: Case[] = []
  const add = (c: Case): void => void cases.push(c)

  // Encodings: the same three titles must come out whatever the byte-level disguise.
  const same = { expect: 'import' as const, titles: BASE_TITLES, found: 3 }
  add({ name: 'UTF-8 without BOM', group: 'encoding', file: 'utf8.bib', bytes: () => te(BASE), ...same })
  add({
    name: 'UTF-8 BOM',
    group: 'encoding',
    file: 'utf8-bom.bib',
    bytes: () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), te(BASE)]),
    ...same
  })
  add({
    name: 'two UTF-8 BOMs',
    group: 'encoding',
    file: 'utf8-bom2.bib',
    bytes: () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), te(BASE)]),
    ...same
  })
  for (const be of [false, true]) {
    const name = be ? 'UTF-16 BE' : 'UTF-16 LE'
    const bom = be ? [0xfe, 0xff] : [0xff, 0xfe]
    add({
      name: `${name} BOM`,
      group: 'encoding',
      file: `utf16${be ? 'be' : 'le'}-bom.txt`,
      bytes: () => Buffer.concat([Buffer.from(bom), utf16(BASE, be)]),
      ...same
    })
    add({
      name: `${name} without BOM`,
      group: 'encoding',
      file: `utf16${be ? 'be' : 'le'}.txt`,
      bytes: () => utf16(BASE, be),
      ...same
    })
  }
  add({
    name: 'UTF-32 LE BOM (not supported)',
    group: 'encoding',
    file: 'utf32.txt',
    bytes: () => Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32le(BASE)]),
    expect: 'either'
  })
  add({
    name: 'UTF-32 BE BOM (not supported)',
    group: 'encoding',
    file: 'utf32be.txt',
    bytes: () => Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), utf32le(BASE).swap32()]),
    expect: 'either'
  })
  add({
    name: 'UTF-7 BOM',
    group: 'encoding',
    file: 'utf7.txt',
    bytes: () => te('+/v8-' + BASE),
    expect: 'either'
  })
  add({
    name: 'Windows-1252 text',
    group: 'encoding',
    file: 'latin.bib',
    bytes: () => Buffer.from(LATIN, 'latin1'),
    expect: 'import',
    titles: LATIN_TITLES
  })
  add({
    name: 'invalid UTF-8 (lone continuation, overlong, encoded surrogate, 5-byte form, truncated end)',
    group: 'encoding',
    file: 'invalid-utf8.bib',
    bytes: () =>
      Buffer.concat([
        splice(
          BASE.replace('Plain ASCII Title', 'Plain XX Title'),
          [
            0xc3, 0x28, 0x80, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80, 0xf4, 0x90, 0x80,
            0x80
          ]
        ),
        Buffer.from([0xe2, 0x82])
      ]),
    expect: 'import',
    found: 3
  })
  add({
    name: 'CESU-8 surrogate pair',
    group: 'encoding',
    file: 'cesu8.bib',
    bytes: () => splice(BASE.replace('Plain ASCII', 'Plain XX'), [0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]),
    expect: 'import',
    found: 3
  })
  add({
    name: 'NUL bytes inside titles',
    group: 'encoding',
    file: 'nul.bib',
    bytes: () => te(BASE.replace('Plain ASCII Title', 'Plain\0ASCII\0Title\0')),
    expect: 'import',
    found: 3
  })
  add({
    name: 'mostly NUL bytes',
    group: 'encoding',
    file: 'nul-heavy.txt',
    bytes: () => Buffer.concat([te(BASE), Buffer.alloc(8192)]),
    expect: 'refuse',
    reason: /binary/
  })
  add({
    name: 'lone surrogate in UTF-16',
    group: 'encoding',
    file: 'lone-surrogate.txt',
    bytes: () => {
      const b = Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        utf16(BASE.replace('Plain ASCII', 'Plain #'), false)
      ])
      const at = b.indexOf(utf16('#', false))
      b[at] = 0x00
      b[at + 1] = 0xd8
      return b
    },
    expect: 'import',
    found: 3
  })
  add({
    name: 'lone surrogates as JSON escapes',
    group: 'encoding',
    file: 'lone-surrogate.json',
    bytes: () =>
      te(
        '[{"title":"Lone \\ud800 high","abstract":"and \\udfff low"},{"title":"Reversed \\udc00\\ud800 pair"}]'
      ),
    expect: 'import',
    found: 2
  })
  add({
    name: 'right-to-left override, isolates and zero-width characters',
    group: 'encoding',
    file: 'bidi.bib',
    bytes: () =>
      te(
        '@article{b1, title = {Right\u202Eto\u202Cleft txt.exe\u202E}, author = {\u200B\u200D\uFEFF}}\n' +
          '@article{b2, title = {Iso\u2066lates\u2067 and \u2068first\u2069 strong}}\n' +
          '@article{b3, title = {Zero\u200Bwidth\u200Cnon\u200Djoiner\u2060word}, abstract = {\u202E\u202E\u202E}}\n'
      ),
    expect: 'import',
    found: 3
  })
  add({
    name: '10,000 combining marks on one letter',
    group: 'encoding',
    file: 'zalgo.bib',
    bytes: () =>
      te(
        `@article{z, title = {Z${'\u0301'.repeat(10_000)} and more}, abstract = {a${'\u0489\u0300'.repeat(10_000)}}}\n` +
          '@article{y, title = {A Plain Neighbour}}\n'
      ),
    expect: 'import',
    found: 2
  })
  add({
    name: 'old Mac line endings (CR only) and form feeds',
    group: 'encoding',
    file: 'cr.bib',
    bytes: () => te(BASE.replace(/\n/g, '\r').replace('Plain ASCII', 'Plain\f\vASCII')),
    expect: 'import',
    found: 3
  })
  add({
    name: 'terminal escape sequences',
    group: 'encoding',
    file: 'ansi.bib',
    bytes: () => te(BASE.replace('Plain ASCII', 'Plain \u001b[2J\u001b]0;pwned\u0007ASCII')),
    expect: 'import',
    found: 3
  })

  // Sizes.
  add({
    name: 'empty file',
    group: 'size',
    file: 'empty.txt',
    bytes: () => Buffer.alloc(0),
    expect: 'refuse',
    reason: /empty/
  })
  add({
    name: 'only a BOM',
    group: 'size',
    file: 'bom-only.txt',
    bytes: () => Buffer.from([0xef, 0xbb, 0xbf]),
    expect: 'refuse',
    reason: /blank|empty/
  })
  add({
    name: 'a million blank lines',
    group: 'size',
    file: 'blank.txt',
    bytes: () => te(' \t\r\n'.repeat(1_000_000)),
    expect: 'refuse',
    reason: /blank/
  })
  add({
    name: 'a single 100 MB line',
    group: 'size',
    file: 'line-100mb.txt',
    bytes: () => Buffer.alloc(100 * MB, 'a'),
    expect: 'refuse',
    reason: /No papers/,
    timeoutMs: 30_000
  })
  add({
    name: 'a file over the 200 MB limit',
    group: 'size',
    file: 'over-limit.txt',
    bytes: () => ({ sparseBytes: 201 * MB }),
    expect: 'refuse',
    reason: /larger than 200 MB/
  })
  const jsonPapers = sized(10_000, 100_000)
  add({
    name: `a ${sized('10', '100')} MB JSON export on one line`,
    group: 'size',
    file: 'one-line.json',
    bytes: () => {
      const abstract = 'A long abstract on one line. '.repeat(34)
      const parts: string[] = []
      for (let i = 0; i < jsonPapers; i++)
        parts.push(JSON.stringify({ title: `One line paper ${i}`, abstract }))
      return te(`[${parts.join(',')}]`)
    },
    expect: 'import',
    found: jsonPapers,
    big: true,
    timeoutMs: sized(30_000, 120_000)
  })
  const abstractMb = sized(20, 100)
  add({
    name: `one CSV record with a ${abstractMb} MB abstract`,
    group: 'size',
    file: 'huge-abstract.csv',
    bytes: () =>
      te(`title,abstract\nA Paper With a Huge Abstract,"${'lorem ipsum '.repeat((abstractMb * MB) / 12)}"\n`),
    expect: 'either',
    timeoutMs: sized(30_000, 120_000)
  })
  const tiny = sized(30_000, 1_000_000)
  add({
    name: `${tiny.toLocaleString('en')} tiny BibTeX records`,
    group: 'size',
    file: 'tiny-records.bib',
    bytes: () => bib(tiny, (i) => `@misc{k${i},title={T${i}}}`),
    expect: 'import',
    found: tiny,
    big: true,
    timeoutMs: sized(40_000, 600_000)
  })
  const risCount = sized(20_000, 200_000)
  add({
    name: `${risCount.toLocaleString('en')} tiny RIS records`,
    group: 'size',
    file: 'tiny-records.ris',
    bytes: () => te(Array.from({ length: risCount }, (_, i) => `TY  - JOUR\nTI  - R${i}\nER  - `).join('\n')),
    expect: 'import',
    found: risCount,
    big: true,
    timeoutMs: sized(40_000, 300_000)
  })
  add({
    name: 'one record with 100,000 authors',
    group: 'size',
    file: 'authors.bib',
    bytes: () =>
      te(
        `@article{a, title = {Everyone}, author = {${Array.from({ length: 100_000 }, (_, i) => `Author ${i}`).join(' and ')}}}`
      ),
    expect: 'import',
    found: 1
  })
  add({
    name: 'JSON nested a million levels deep',
    group: 'size',
    file: 'deep.json',
    bytes: () => te('['.repeat(1_000_000) + ']'.repeat(1_000_000)),
    expect: 'either'
  })
  add({
    name: 'BibTeX braces nested 100,000 deep',
    group: 'size',
    file: 'deep.bib',
    bytes: () =>
      te(
        `@article{d, title = {${'{'.repeat(100_000)}Deep${'}'.repeat(100_000)}}}\n@article{e, title = {Shallow}}`
      ),
    expect: 'either'
  })
  add({
    name: 'HTML elements nested 200,000 deep',
    group: 'size',
    file: 'deep.html',
    bytes: () =>
      te(
        '<html><body>' +
          '<div>'.repeat(200_000) +
          '<h3><a href="/papers/2401.00001">Deep Paper in Nested Divs</a></h3>' +
          '</div>'.repeat(200_000)
      ),
    expect: 'either'
  })
  add({
    name: '10 MB of slashes and "www." in an abstract (link scanner)',
    group: 'size',
    file: 'slashes.bib',
    bytes: () =>
      te(
        `@article{s, title = {Slashes}, abstract = {${'/'.repeat(5 * MB)} ${'www.'.repeat(MB)} http://${'a'.repeat(MB)}}}`
      ),
    expect: 'import',
    found: 1,
    timeoutMs: 30_000
  })
  add({
    name: 'a million unclosed "<" in HTML',
    group: 'size',
    file: 'lt.html',
    bytes: () => te('<html>' + '<a <b <!-- <![CDATA[ <'.repeat(200_000)),
    expect: 'either',
    timeoutMs: 30_000
  })

  // Binary files under text names.
  for (const b of binaries) {
    for (const ext of ['txt', 'html']) {
      add({
        name: `${b.kind} renamed .${ext}`,
        group: 'binary',
        file: `${b.kind}.${ext}`,
        bytes: b.bytes,
        expect: 'refuse',
        reason: b.reason
      })
    }
  }

  // Malformed HTML, committed as small files.
  for (const file of readdirSync(HOSTILE_DIR).filter((f) => f.endsWith('.html'))) {
    add({
      name: `malformed HTML: ${file}`,
      group: 'html',
      file,
      bytes: () => readFileSync(join(HOSTILE_DIR, file)),
      expect: 'import',
      titles: HTML_TITLES[file] ?? []
    })
  }

  // Injection in every field, in every format.
  for (const [file, make] of Object.entries(HOSTILE_DIGESTS)) {
    add({
      name: `injection in every field: ${file}`,
      group: 'injection',
      file,
      bytes: () => te(make(file)),
      // Every format carries every payload and must still import (a text copy quoting HTML included).
      expect: 'import',
      found: PAPERS_PER_DIGEST
    })
  }
  add({
    name: 'injection in every field: hostile-hf.txt as --format hf-text',
    group: 'injection',
    file: 'hostile-forced-hf.txt',
    bytes: () => te((HOSTILE_DIGESTS['hostile-hf.txt'] as (t: string) => string)('forced')),
    format: 'hf-text',
    expect: 'import',
    found: PAPERS_PER_DIGEST
  })

  // JSON shapes that break naive object handling.
  add({
    name: '__proto__ and constructor.prototype at every level',
    group: 'json',
    file: 'proto.json',
    bytes: () =>
      te(
        '{"__proto__":{"polluted":"top"},"constructor":{"prototype":{"polluted":"c"}},"papershelf":1,"papers":[' +
          '{"__proto__":{"polluted":"paper","title":"Inherited title"},"title":"Own Title One",' +
          '"links":[{"__proto__":{"polluted":"link"},"url":"https://example.org/one","kind":"code"}],' +
          '"tags":["__proto__","constructor","prototype","hasOwnProperty"],"note":"__proto__"},' +
          '{"title":"Own Title Two","hasOwnProperty":"x","toString":"y","valueOf":1,' +
          '"authors":{"__proto__":["Mallory"]},"read":{"__proto__":true}},' +
          '{"__proto__":{"title":"Only Inherited"}}]}'
      ),
    expect: 'import',
    titles: ['Own Title One', 'Own Title Two']
  })
  add({
    name: 'JSON with duplicate keys and numbers where strings belong',
    group: 'json',
    file: 'weird.json',
    bytes: () =>
      te(
        '[{"title":"First Key","title":"Second Key","authors":[1,null,{"a":1}],"abstract":42,"url":["https://x.org"],' +
          '"links":"https://x.org","tags":[1,2],"note":{"x":1},"read":"yes","readAt":1e400,"addedAt":null}]'
      ),
    expect: 'import',
    found: 1
  })

  return cases
}

/** Writes a case's file into dir and returns its path. */
export function writeCase(c: Case, dir: string): string {
  const path = join(dir, c.file)
  const bytes = c.bytes()
  if ('sparseBytes' in bytes) {
    const fd = openSync(path, 'w')
    ftruncateSync(fd, bytes.sparseBytes)
    closeSync(fd)
  } else writeFileSync(path, bytes)
  return path
}
