import { describe, expect, it } from 'vitest'
import { decodeEntities } from './entities'
import { nfc, normaliseArxivId, normaliseDoi, normaliseText, normaliseTitle, titleKey } from './normalise'

describe('normaliseText: LaTeX', () => {
  it.each([
    ["Yor\\`ub\\'a", 'Yorùbá'],
    ['na\\"{\\i}ve', 'naïve'],
    ["\\'{e}t\\'e", 'été'],
    ['{\\"o}l', 'öl'],
    ['Fran\\c{c}ois', 'François'],
    ['Fran\\c cois', 'François'],
    ['Espa\\~na', 'España'],
    ['Stra\\ss e', 'Straße'],
    ['Stra\\ss{}e', 'Straße'],
    ['\\v{S}koda \\H{o} \\k{a} \\u{a} \\r{a} \\={a} \\.{z}', 'Škoda ő ą ă å ā ż'],
    ['\\O stergaard, \\aa, \\AE, \\oe, \\l', 'Østergaard, å, Æ, œ, ł'],
    ['11\\% better', '11% better'],
    ['R\\&D \\$5 \\#1 a\\_b', 'R&D $5 #1 a_b'],
    ['Test\\_Meeting', 'Test_Meeting'],
    ['norm layers, \\ie, group', 'norm layers, i.e., group'],
    ['layers \\ie. group', 'layers i.e. group'],
    ['\\eg BERT', 'e.g. BERT'],
    ['Smith \\etal showed', 'Smith et al. showed'],
    ['\\textbf{bold} and \\emph{it} and \\textit {x}', 'bold and it and x'],
    ['{\\it misaligned} and {\\bf strong}', 'misaligned and strong'],
    ['can be {it misaligned} with', 'can be misaligned with'],
    ['\\url{https://x.org/a}', 'https://x.org/a'],
    ['see \\href{https://x.org}{the site}', 'see the site (https://x.org)'],
    ['pages 12--15', 'pages 12–15'],
    ["Yor\\`ub\\'a--English", 'Yorùbá–English'],
    ['TabReD -- a collection', 'TabReD – a collection'],
    ['extinction---a threat', 'extinction—a threat'],
    ["referred to as ``test-time computing'' has", 'referred to as “test-time computing” has'],
    ['aggregation. \\ This work', 'aggregation. This work'],
    ['10\\,000 samples', '10 000 samples']
  ])('%s → %s', (input, expected) => {
    expect(normaliseText(input)).toBe(expected)
  })

  it('leaves math readable', () => {
    expect(normaliseText('memory grows as $\\mathcal{O}(n)$ with $\\alpha \\to 1$')).toBe(
      'memory grows as O(n) with α → 1'
    )
    expect(normaliseText('a rate of $10^{-3}$ and $\\mathbb{R}^d$')).toBe('a rate of 10^{-3} and ℝ^d')
    expect(normaliseText('on 10$\\times$ more data')).toBe('on 10× more data')
  })

  it('keeps prices, tildes meaning "about", paths and unknown macros as written', () => {
    expect(normaliseText('costs $5 and $10 per run')).toBe('costs $5 and $10 per run')
    expect(normaliseText('requiring ~98% fewer parameters (~264,890,000)')).toBe(
      'requiring ~98% fewer parameters (~264,890,000)'
    )
    expect(normaliseText('saved in C:\\temp\\new and /home/a~b/x--y')).toBe(
      'saved in C:\\temp\\new and /home/a~b/x--y'
    )
    expect(normaliseText('our model, \\mone, outperforms')).toBe('our model, \\mone, outperforms')
    expect(normaliseText('run it with --help, or with -- nothing')).toBe(
      'run it with --help, or with – nothing'
    )
    expect(normaliseText('the prompt: {Original question} here')).toBe('the prompt: {Original question} here')
    expect(normaliseText('denoted SD_{SR4G}')).toBe('denoted SD_{SR4G}')
    expect(normaliseText('<!-- comment --> and a -> b')).toBe('<!-- comment --> and a -> b')
    expect(normaliseText("the model\\'s output, don\\'t")).toBe("the model's output, don't")
    expect(normaliseText('a trailing backslash \\')).toBe('a trailing backslash \\')
  })

  it('treats ~ as a tie after a word but not in URLs', () => {
    expect(normaliseText('such as Mamba~2 and approach~(CoTTA)')).toBe('such as Mamba 2 and approach (CoTTA)')
    expect(normaliseText('at https://example.org/~user/x~y')).toBe('at https://example.org/~user/x~y')
  })

  it('in BibTeX, braces only group and ~ is always a space', () => {
    expect(
      normaliseText('{BERT}: Pre-training of {D}eep Models~for {\\"U}bersetzung', { bibtex: true })
    ).toBe('BERT: Pre-training of Deep Models for Übersetzung')
    expect(normaliseText('\\unknown{kept text} here\\\\ next', { bibtex: true })).toBe('kept text here next')
  })

  it('decodes HTML entities, named and numeric', () => {
    expect(normaliseText('AT&amp;T &lt;b&gt; caf&eacute; &#233; &#x2014; &mdash;&nbsp;x &quot;q&quot;')).toBe(
      'AT&T <b> café é — — x "q"'
    )
    expect(normaliseText('Q&A and a&b=c &unknown; &#0;&#150; &#x110000;')).toBe(
      'Q&A and a&b=c &unknown; – \ufffd'
    )
  })

  it('collapses whitespace, trims, drops invisible characters and composes NFC', () => {
    expect(normaliseText('  a \t b\n\nc\u00a0d\u2009e  \u200bf\u00ad ')).toBe('a b c d e f')
    expect(normaliseText('e\u0301te\u0301')).toBe('été')
    expect(normaliseText('')).toBe('')
    expect(normaliseText(' \n\t ')).toBe('')
  })

  it('does not fold markup when told the text is already clean', () => {
    expect(normaliseText('  AT&amp;T \\% $x$ --  ok ', { markup: false })).toBe('AT&amp;T \\% $x$ -- ok')
  })

  it('is idempotent on its own output', () => {
    for (const s of [
      "Yor\\`ub\\'a--English &amp; 11\\% $\\alpha$",
      'a ~ b -- c {x} \\mone',
      "``q'' 5 -- 6"
    ]) {
      const once = normaliseText(s)
      expect(normaliseText(once)).toBe(once)
    }
  })

  it('survives unbalanced and deeply nested braces', () => {
    expect(normaliseText('}{a}}{{{\\textbf{b')).toBe('}{a}}{{b')
    expect(normaliseText('{'.repeat(10_000) + 'x' + '}'.repeat(10_000), { bibtex: true })).toContain('x')
  })
})

describe('normaliseTitle', () => {
  it('folds a title like any text', () => {
    expect(normaliseTitle('  {\\"U}ber  \\textit{alles}. ')).toBe('Über alles.')
  })
})

describe('titleKey', () => {
  it('gives the same key across case, punctuation, spacing, accents and LaTeX', () => {
    const key = titleKey('CARE: a Benchmark Suite for the Classification…')
    expect(titleKey('care — A  benchmark suite for the classification')).toBe(key)
    expect(titleKey("Yor\\`ub\\'a Stra\\ss e")).toBe(titleKey('YORUBA strasse'))
    expect(titleKey('Ｆｕｌｌｗｉｄｔｈ')).toBe('fullwidth')
    expect(titleKey('Naïve Bayes')).toBe('naivebayes')
  })

  it('never returns an empty key for a non-empty title', () => {
    expect(titleKey('???')).toBe('???')
  })
})

describe('normaliseArxivId', () => {
  it.each([
    ['arXiv:2406.12345v3', '2406.12345'],
    ['2406.12345', '2406.12345'],
    ['https://arxiv.org/abs/2406.12345v2', '2406.12345'],
    ['http://arxiv.org/pdf/2406.12345v2.pdf', '2406.12345'],
    ['https://arxiv.org/pdf/2406.12345', '2406.12345'],
    ['https://huggingface.co/papers/2406.12345', '2406.12345'],
    ['huggingface.co/papers/2406.12345#community', '2406.12345'],
    ['hep-th/9901001v1', 'hep-th/9901001'],
    ['http://arxiv.org/abs/hep-ex/0307015v1', 'hep-ex/0307015'],
    ['math.GT/0309136', 'math.GT/0309136'],
    ['oai:arXiv.org:2406.09432v1', '2406.09432'],
    ['1501.00001', '1501.00001']
  ])('%s → %s', (input, expected) => {
    expect(normaliseArxivId(input)).toBe(expected)
  })

  it.each([
    '',
    'not an id',
    '2413.12345',
    '1412.12345',
    'foo/1234567',
    'https://example.org/2406.12345',
    '12345'
  ])('rejects %j', (input) => {
    expect(normaliseArxivId(input)).toBeNull()
  })
})

describe('normaliseDoi', () => {
  it.each([
    ['10.1145/3292500.3330701', '10.1145/3292500.3330701'],
    ['doi:10.1145/ABC', '10.1145/abc'],
    ['DOI: 10.1145/ABC', '10.1145/abc'],
    ['https://doi.org/10.18653/v1/N19-1423', '10.18653/v1/n19-1423'],
    ['http://dx.doi.org/10.1109/CVPR.2024.00123.', '10.1109/cvpr.2024.00123'],
    ['https://doi.org/10.1000%2Fxyz', '10.1000/xyz'],
    ['10.1016/S0140-6736(20)30183-5', '10.1016/s0140-6736(20)30183-5'],
    ['(see 10.1000/xyz)', null],
    ['10.1000/xyz),', '10.1000/xyz'],
    ['not a doi', null],
    ['https://example.org/10.1000/xyz', null]
  ])('%s → %s', (input, expected) => {
    expect(normaliseDoi(input)).toBe(expected)
  })
})

describe('decodeEntities and nfc', () => {
  it('decodes references only', () => {
    expect(decodeEntities('a &amp; b &lt;p&gt; \\% &constructor; &#x41;')).toBe(
      'a & b <p> \\% &constructor; A'
    )
  })

  it('composes only what needs composing', () => {
    const s = 'plain ascii'
    expect(nfc(s)).toBe(s)
    const mixed = 'Yorùbá e\u0301 ñ 한국어 \u1100\u1161 Ω'
    expect(nfc(mixed)).toBe(mixed.normalize('NFC'))
  })
})

describe('normaliseText: escaped quotes and URLs in BibTeX', () => {
  it('does not turn an escaped quote into an accent', () => {
    expect(normaliseText('the \\"best\\" model')).toBe('the \\"best\\" model')
  })

  it('keeps tildes in URLs even in BibTeX', () => {
    expect(normaliseText('see \\url{https://x.org/~me/a~b}', { bibtex: true })).toBe(
      'see https://x.org/~me/a~b'
    )
  })
})
