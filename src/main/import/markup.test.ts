import { describe, expect, it } from 'vitest'
import { collectRecords, htmlToText, LineCounter, looksLikeHtml, tokenize, type Token } from './markup'

function kinds(tokens: Iterable<Token>): string[] {
  return [...tokens].map((t) =>
    t.kind === 'text' ? `"${t.text}"` : t.kind === 'open' ? `<${t.name}>` : `</${t.name}>`
  )
}

describe('tokenize', () => {
  it('reads tags, attributes in every quoting style, text, CDATA, and skips comments and doctypes', () => {
    const src =
      '<?xml version="1.0"?><!DOCTYPE x><!-- c --><a HREF="x?a=1&amp;b=2" data-x=\'y > z\' flag bare=v>T &amp; U</a>' +
      '<![CDATA[<raw> & text]]><br/>tail'
    const tokens = [...tokenize(src, true)]
    expect(kinds(tokens)).toEqual([
      '<a>',
      '"T &amp; U"',
      '</a>',
      '"&lt;raw&gt; &amp; text"',
      '<br>',
      '"tail"'
    ])
    const open = tokens[0]
    expect(open?.kind === 'open' && [...open.attrs]).toEqual([
      ['href', 'x?a=1&amp;b=2'],
      ['data-x', 'y > z'],
      ['flag', ''],
      ['bare', 'v']
    ])
    expect(tokens[4]?.kind === 'open' && tokens[4].selfClosing).toBe(true)
  })

  it('treats a "<" that starts no tag as text and skips script and style contents', () => {
    expect(kinds(tokenize('x < y <3 <script>if (a<b) "</p>"</script><p>z', true))).toEqual([
      '"x < y <3 "',
      '<script>',
      '</script>',
      '<p>',
      '"z"'
    ])
  })

  it('never throws on broken markup and ends at the end of input', () => {
    for (const src of [
      '<a href="unclosed',
      '<!-- never closed',
      '<![CDATA[ open',
      '<a b=',
      '</',
      '<',
      '<x y="1" z=\'2'
    ]) {
      expect(() => [...tokenize(src, true)]).not.toThrow()
    }
  })
})

describe('collectRecords', () => {
  it('collects the fields of each record by local name, with line numbers, closing what was left open', () => {
    const src =
      '<rss>\n<item><title>A</title><dc:creator>B</dc:creator>\n<x><y>deep</y></x></item>\n<item><title>C<b>D</item>'
    const records = collectRecords(src, new Set(['item']))
    expect(records.map((r) => r.line)).toEqual([2, 4])
    expect(records[0]?.fields.map((f) => [f.path, f.text])).toEqual([
      ['title', 'A'],
      ['creator', 'B'],
      ['x/y', 'deep'],
      ['x', ' deep ']
    ])
    expect(records[1]?.fields.map((f) => [f.path, f.text])).toEqual([
      ['title/b', 'D'],
      ['title', 'CD']
    ])
  })
})

describe('htmlToText and looksLikeHtml', () => {
  it('keeps inline elements inside words, separates blocks and collects link targets', () => {
    const hrefs: string[] = []
    expect(htmlToText('<p>a<b>b</b>c</p><p>d <a href="https://x.org/&amp;">e</a></p>', hrefs)).toBe(
      ' abc  d e '
    )
    expect(hrefs).toEqual(['https://x.org/&'])
  })

  it('tells markup from comparisons', () => {
    expect(looksLikeHtml('<p>text</p>')).toBe(true)
    expect(looksLikeHtml('x < y and y > z')).toBe(false)
  })
})

describe('LineCounter', () => {
  it('counts lines for increasing positions', () => {
    const counter = new LineCounter('a\nb\nc')
    expect([counter.at(0), counter.at(2), counter.at(4), counter.at(4)]).toEqual([1, 2, 3, 3])
  })
})
