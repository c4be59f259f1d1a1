import { describe, expect, it } from 'vitest'
import { classifyLink, cleanUrl, extractLinks } from './links'

describe('extractLinks', () => {
  it('finds URLs with and without a scheme and trims sentence punctuation', () => {
    const text =
      'CARE is available at https://github.com/jsunn-y/CARE/. See also (https://x.org/a_(b)), ' +
      'https://github.com/LZY-the-boys/Twin-Mergin.) and https://example.org/p; https://a.io/q: ' +
      'the demo huggingface.co/spaces/x/y, code github.com/a/b and www.example.org/x! or “https://quoted.org/z”.'
    expect(extractLinks(text).map((l) => l.url)).toEqual([
      'https://github.com/jsunn-y/CARE',
      'https://x.org/a_(b)',
      'https://github.com/LZY-the-boys/Twin-Mergin',
      'https://example.org/p',
      'https://a.io/q',
      'https://huggingface.co/spaces/x/y',
      'https://github.com/a/b',
      'https://www.example.org/x',
      'https://quoted.org/z'
    ])
  })

  it('ignores non-URLs: ratios, abbreviations, e-mail addresses, other schemes', () => {
    expect(
      extractLinks(
        'and/or 1.5/2 e.g./i.e. mail me@example.com/x ftp://x.org/f file:///etc/passwd javascript:alert(1)'
      )
    ).toEqual([])
  })

  it('puts the record’s own URLs first, dedupes ignoring scheme, www and trailing slash', () => {
    const links = extractLinks('Code: http://github.com/a/b/ and https://www.github.com/a/b.', [
      'https://github.com/a/b',
      null,
      'https://arxiv.org/pdf/2406.12345v1'
    ])
    expect(links).toEqual([
      { url: 'https://github.com/a/b', kind: 'code' },
      { url: 'https://arxiv.org/pdf/2406.12345v1', kind: 'paper' }
    ])
  })

  it('is linear on long lines full of slashes and www.', () => {
    const text = 'a/'.repeat(200_000) + ' www.' + 'x'.repeat(100_000)
    const start = performance.now()
    extractLinks(text)
    expect(performance.now() - start).toBeLessThan(5000)
  })
})

describe('classifyLink', () => {
  it.each([
    ['https://github.com/a/b', 'code'],
    ['https://gitlab.com/a/b', 'code'],
    ['https://huggingface.co/spaces/a/b', 'code'],
    ['https://huggingface.co/datasets/a/b', 'code'],
    ['https://huggingface.co/a/model', 'code'],
    ['https://bitbucket.org/a/b', 'code'],
    ['https://codeberg.org/a/b', 'code'],
    ['https://huggingface.co/papers/2406.12345', 'paper'],
    ['https://arxiv.org/abs/2406.12345', 'paper'],
    ['https://doi.org/10.1/x', 'paper'],
    ['https://openreview.net/forum?id=x', 'paper'],
    ['https://aclanthology.org/N19-1423', 'paper'],
    ['https://proceedings.neurips.cc/paper/x', 'paper'],
    ['https://example.org/files/paper.PDF', 'paper'],
    ['https://jsunn-y.github.io/care', 'project'],
    ['https://wilds.stanford.edu', 'project'],
    ['https://www.youtube.com/watch?v=x', 'other'],
    ['https://example.org/data.tar.gz', 'other']
  ])('%s is %s', (url, kind) => {
    expect(classifyLink(url)).toBe(kind)
  })
})

describe('cleanUrl', () => {
  it('adds https, keeps http(s) only and refuses hosts that are not hosts', () => {
    expect(cleanUrl('www.example.org/x.')).toBe('https://www.example.org/x')
    expect(cleanUrl('HTTPS://Example.org/A')).toBe('https://Example.org/A')
    expect(cleanUrl('mailto:a@b.org')).toBeNull()
    expect(cleanUrl('https://localhost/x')).toBeNull()
    expect(cleanUrl('http://127.0.0.1:8080/x')).toBe('http://127.0.0.1:8080/x')
    expect(cleanUrl('')).toBeNull()
  })
})
