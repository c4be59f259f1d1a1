import { describe, expect, it } from 'vitest'
import { decodeBytes, sniffBinary } from './decode'

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

function utf16(s: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const units = [...(bom ? [0xfeff] : []), ...Array.from(s, (ch) => ch.charCodeAt(0))]
  const bytes = new Uint8Array(units.length * 2)
  const view = new DataView(bytes.buffer)
  units.forEach((u, i) => view.setUint16(i * 2, u, littleEndian))
  return bytes
}

describe('decodeBytes', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(decodeBytes(utf8('Café — naïve')).text).toBe('Café — naïve')
    const bom = decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Café')]))
    expect(bom).toEqual({ text: 'Café', encoding: 'utf-8', warnings: [] })
  })

  it('reads UTF-16 LE and BE with a BOM, and without one when the NULs give it away', () => {
    expect(decodeBytes(utf16('Café line\nnext', true, true))).toMatchObject({
      text: 'Café line\nnext',
      encoding: 'utf-16le'
    })
    expect(decodeBytes(utf16('Café line\nnext', false, true))).toMatchObject({
      text: 'Café line\nnext',
      encoding: 'utf-16be'
    })
    expect(decodeBytes(utf16('Plain ASCII title', true, false))).toMatchObject({
      text: 'Plain ASCII title',
      encoding: 'utf-16le'
    })
  })

  it('falls back to Windows-1252 for bytes that are not UTF-8, with a warning', () => {
    const bytes = new Uint8Array([...utf8('Caf'), 0xe9, 0x20, 0x93, ...utf8('quoted'), 0x94, 0x20, 0x80])
    const decoded = decodeBytes(bytes)
    expect(decoded.text).toBe('Café “quoted” €')
    expect(decoded.encoding).toBe('windows-1252')
    expect(decoded.warnings).toEqual([
      'The file is not valid UTF-8, so it was read as Windows-1252; check accented letters.'
    ])
  })

  it('keeps mostly-UTF-8 text as UTF-8, showing only the bad bytes as U+FFFD', () => {
    const bytes = new Uint8Array([...utf8('Café, naïve Yorùbá '), 0xe9, ...utf8(' end')])
    const decoded = decodeBytes(bytes)
    expect(decoded.text).toBe('Café, naïve Yorùbá \ufffd end')
    expect(decoded.encoding).toBe('utf-8')
    expect(decoded.warnings).toEqual(['1 character was not valid UTF-8 and shown as �.'])
  })

  it('turns CRLF and CR into LF', () => {
    expect(decodeBytes(utf8('a\r\nb\rc\n\r\nd')).text).toBe('a\nb\nc\n\nd')
  })

  it('composes to NFC and strips control characters except newline and tab', () => {
    expect(decodeBytes(utf8('e\u0301\u0000a\u0007\tb\u001b\u007f\fc')).text).toBe(
      'é a\tb\nc'.replace(' ', '')
    )
  })
})

describe('sniffBinary', () => {
  const pad = (head: number[]): Uint8Array =>
    new Uint8Array([...head, ...utf8(' some more bytes follow here')])
  it.each([
    [pad([...utf8('%PDF-1.7\n')]), 'This file is a PDF document, not a digest.'],
    [pad([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), 'This file is a PNG image, not a digest.'],
    [pad([0xff, 0xd8, 0xff, 0xe0]), 'This file is a JPEG image, not a digest.'],
    [pad([...utf8('GIF89a')]), 'This file is a GIF image, not a digest.'],
    [
      pad([0x50, 0x4b, 0x03, 0x04, ...utf8('[Content_Types].xml word/document.xml')]),
      'This file is a Word document, not a digest.'
    ],
    [pad([0x50, 0x4b, 0x03, 0x04, ...utf8('data.bin')]), 'This file is a ZIP archive, not a digest.'],
    [pad([0x1f, 0x8b, 0x08, 0x00]), 'This file is a gzip-compressed file, not a digest.'],
    [pad([...utf8('SQLite format 3'), 0]), 'This file is an SQLite database, not a digest.']
  ])('names %#', (bytes, sentence) => {
    expect(sniffBinary(bytes)).toBe(sentence)
  })

  it('calls NUL- or control-heavy bytes binary, and text text', () => {
    expect(sniffBinary(new Uint8Array(1000).map((_, i) => (i % 3 === 0 ? 0 : 65 + (i % 26))))).toBe(
      'This file contains binary data, not text.'
    )
    expect(sniffBinary(new Uint8Array(500).map((_, i) => i % 32))).toBe(
      'This file contains binary data, not text.'
    )
    expect(sniffBinary(utf8('MZ: a paper title that starts like a program\nAbstract.'))).toBeNull()
    expect(sniffBinary(utf16('UTF-16 text', true, false))).toBeNull()
    expect(
      sniffBinary(utf8('Plain text, with one stray \u0000 byte in a long enough line of text.'))
    ).toBeNull()
  })
})
