import { describe, expect, it } from 'vitest'
import { CSV_COLUMNS, csvField, exportedPaperSchema, neutraliseCell, restoreCell } from './export-shape'

describe('CSV cells', () => {
  it('neutralises formula cells with one quote, and restoring removes exactly that quote', () => {
    for (const value of [
      '=1+1',
      '+1',
      '-1',
      '@SUM(A1)',
      '\tcode',
      '\r=x',
      '\n@x',
      "'=already quoted",
      "''=two",
      'plain',
      "'plain",
      '',
      "'"
    ]) {
      expect(restoreCell(neutraliseCell(value))).toBe(value)
    }
    expect(neutraliseCell('=1+1')).toBe("'=1+1")
    expect(neutraliseCell('plain')).toBe('plain')
    expect(restoreCell("'-5")).toBe('-5')
    expect(restoreCell("'just a quote")).toBe("'just a quote")
  })

  it('quotes fields that need it', () => {
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField('=x,y')).toBe(`"'=x,y"`)
    expect(csvField('plain')).toBe('plain')
  })

  it('has the documented header', () => {
    expect(CSV_COLUMNS.join(',')).toBe(
      'id,title,authors,abstract,url,arxivId,doi,links,read,starred,readAt,starredAt,tags,note,noteUpdatedAt,addedAt,digests'
    )
  })
})

describe('exportedPaperSchema', () => {
  it('drops unknown keys and defaults what is missing or malformed', () => {
    const parsed = exportedPaperSchema.parse({
      title: 'T',
      read: 'yes',
      links: [{ url: 'https://x.org', kind: 'weird' }],
      extra: 1
    })
    expect(parsed).toEqual({
      title: 'T',
      authors: [],
      abstract: '',
      url: null,
      arxivId: null,
      doi: null,
      links: [{ url: 'https://x.org', kind: 'other' }],
      read: false,
      starred: false,
      readAt: null,
      starredAt: null,
      tags: [],
      note: '',
      noteUpdatedAt: null,
      digests: []
    })
  })
})
