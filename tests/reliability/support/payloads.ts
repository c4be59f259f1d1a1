// Hostile values for every field a digest can carry, and digests in each importable format that carry
// them. Shared by the importer's corpus (vitest) and the UI test (tests/e2e/xss.spec.ts): a payload that
// ever runs sets window.__pwned to its own name, so a failure says which one got through.

/** Markup that runs script, navigates or restyles the page if it ever reaches the DOM as HTML. */
export const MARKUP = [
  `<img src=x onerror="window.__pwned='img'">`,
  `<script>window.__pwned='script'</script>`,
  `<svg onload="window.__pwned='svg'"></svg>`,
  `<iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>`,
  `<meta http-equiv="refresh" content="0;url=javascript:window.__pwned='meta'">`,
  `<base href="javascript:window.__pwned='base'//">`,
  `<a href="javascript:window.__pwned='anchor'">click me</a>`,
  // Sanitiser-bypass classics: content that changes parsing mode inside foreign elements.
  `<svg><style><img src=x onerror="window.__pwned='svg-style'"></style></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned='math'"></style></mglyph></table></mtext></math>`,
  `<form action="javascript:window.__pwned='form'"><button>go</button></form>`,
  `<details open ontoggle="window.__pwned='details'"><summary>s</summary></details>`,
  `<!--<img src=x onerror="window.__pwned='comment'">-->`,
  `<object data="javascript:window.__pwned='object'"></object><embed src="javascript:window.__pwned='embed'">`,
  `<input autofocus onfocus="window.__pwned='input'">`,
  `<style>body{display:none}</style>`
]

/** Text that would do harm if it were ever pasted into SQL or a template instead of bound as a value. */
export const SQL_AND_TEMPLATES = [
  `'); DROP TABLE papers;--`,
  `" OR 1=1 --`,
  `Robert'); DELETE FROM notes; --`,
  `{{constructor.constructor("window.__pwned='template'")()}}`,
  '${window.__pwned="template-literal"}'
]

/** Text that is hard to display: direction overrides, invisible characters, stacked combining marks. */
export const UNICODE_TRICKS = [
  'Right\u202Eto\u202Cleft override txt.exe\u202E',
  'zero\u200Bwidth\u200Cnon\u200Djoiner\u2060word\uFEFFjoiner',
  'isolates \u2066LRI\u2067RLI\u2068FSI\u2069',
  'Z\u0301' + '\u0301'.repeat(9_999)
]

/** The way every link should end up: http(s) only. */
export const GOOD_URL = 'https://ok.example.org/hostile-code'

/** Links that are not http(s), in every spelling a parser might decode into a live one. */
export const BAD_URLS = [
  `javascript:window.__pwned='url-js'`,
  `JAVASCRIPT:window.__pwned='url-upper'`,
  `JaVaScRiPt:window.__pwned='url-mixed'`,
  `java\tscript:window.__pwned='url-tab'`,
  `java\nscript:window.__pwned='url-newline'`,
  ` javascript:window.__pwned='url-space'`,
  `\u0001javascript:window.__pwned='url-control'`,
  `javascript&colon;window.__pwned='url-colon-entity'`,
  `&#106;avascript:window.__pwned='url-decimal'`,
  `&#x6A;avascript:window.__pwned='url-hex'`,
  `jav&#x09;ascript:window.__pwned='url-tab-entity'`,
  `javascript://%0Awindow.__pwned='url-comment'`,
  `data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0nZGF0YSc8L3NjcmlwdD4=`,
  `DATA:text/html,<script>window.__pwned='url-data'</script>`,
  `file:///etc/passwd`,
  `vbscript:msgbox("url-vbs")`,
  `VBScript:msgbox("url-vbs-mixed")`,
  `http:javascript:window.__pwned='url-http-prefix'`
]

export interface HostilePaper {
  title: string
  authors: string[]
  abstract: string
  url: string
  /** Further links a format can name explicitly (a PDF, a code link). */
  extra: string[]
}

/** Papers per digest: each field of each format meets every payload across them. */
export const PAPERS_PER_DIGEST = 6

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T

/**
 * Hostile papers in which every field carries payloads: titles three markups each (all of them over the
 * six papers), each author a different one, abstracts all of them with every bad URL as text, and the
 * URL fields every bad URL between them. `tag` keeps titles unique per format, so nothing is
 * deduplicated away between files.
 */
export function hostilePapers(tag: string): HostilePaper[] {
  const text = [...SQL_AND_TEMPLATES, ...UNICODE_TRICKS]
  const n = PAPERS_PER_DIGEST
  return Array.from({ length: n }, (_, i) => ({
    title: `Hostile ${tag} ${i + 1} ${pick(MARKUP, 3 * i)} ${pick(MARKUP, 3 * i + 1)} ${pick(MARKUP, 3 * i + 2)} ${pick(text, i)}`,
    authors: [pick(SQL_AND_TEMPLATES, i), `Alice ${pick(MARKUP, i + 5)}`, `Bob ${pick(MARKUP, i + 10)}`],
    abstract:
      `We study ${MARKUP.join(' and ')} with ${pick(text, i + 3)}. Code: ${GOOD_URL} and also ` +
      `${BAD_URLS.join(' , ')} . ` +
      'This abstract is long enough to be taken for an abstract by every parser that guesses. '.repeat(2),
    url: pick(BAD_URLS, i),
    extra: [pick(BAD_URLS, i + n), pick(BAD_URLS, i + 2 * n), GOOD_URL]
  }))
}

const xml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
// Entity spellings of a URL stay raw in markup formats, so the parser itself decodes them.
const xmlUrl = (s: string): string => (/&#|&colon;/.test(s) ? s.replace(/</g, '&lt;') : xml(s))
const csvCell = (s: string): string => `"${s.replace(/"/g, '""')}"`

/** Each format Papershelf imports, written out with the hostile papers in every field it has. */
export const HOSTILE_DIGESTS: Record<string, (tag: string) => string> = {
  'hostile.bib': (tag) =>
    hostilePapers(tag)
      .map(
        (p, i) =>
          `@article{hostile${i},\n  title = {${p.title}},\n  author = {${p.authors.join(' and ')}},\n` +
          `  abstract = {${p.abstract}},\n  url = {${p.url}},\n  howpublished = {\\url{${p.extra[0]}}},\n` +
          `  note = {${p.extra.join(' ')}}\n}\n`
      )
      .join('\n'),

  'hostile.ris': (tag) =>
    hostilePapers(tag)
      .map(
        (p) =>
          `TY  - JOUR\nTI  - ${p.title}\n${p.authors.map((a) => `AU  - ${a}\n`).join('')}` +
          `AB  - ${p.abstract}\nUR  - ${p.url}\nL1  - ${p.extra[0]}\nL2  - ${p.extra[1]}\nUR  - ${p.extra[2]}\nER  - \n`
      )
      .join('\n'),

  'hostile.csv': (tag) => {
    const head = 'title,authors,abstract,url,links,tags,note'
    const lines = hostilePapers(tag).map((p, i) =>
      [
        // A spreadsheet formula in the first cell of some rows, as a hostile export would carry.
        i % 3 === 0 ? `=HYPERLINK("javascript:alert(1)","${p.title}")` : p.title,
        p.authors.join('; '),
        p.abstract,
        p.url,
        `${p.extra.join(' ')}`,
        `${pick(MARKUP, 3 * i)}; ${pick(MARKUP, 3 * i + 1)}; ${pick(SQL_AND_TEMPLATES, i)}`,
        `${pick(MARKUP, 3 * i + 2)}\n[x](${pick(BAD_URLS, i)}) [y](${pick(BAD_URLS, i + 6)}) [z](${pick(BAD_URLS, i + 12)})`
      ]
        .map(csvCell)
        .join(',')
    )
    return [head, ...lines].join('\n') + '\n'
  },

  'hostile.json': (tag) => {
    const papers = hostilePapers(tag).map((p, i) => {
      const fields = JSON.stringify({
        title: p.title,
        authors: p.authors,
        abstract: p.abstract,
        url: p.url,
        links: [...p.extra, p.url].map((url) => ({ url, kind: 'code' })),
        tags: [pick(MARKUP, 3 * i), pick(MARKUP, 3 * i + 1), pick(SQL_AND_TEMPLATES, i)],
        note: `${pick(MARKUP, 3 * i + 2)} [a](${pick(BAD_URLS, i)}) [b](${pick(BAD_URLS, i + 6)}) [c](${pick(BAD_URLS, i + 12)})`,
        read: i % 2 === 0,
        starred: i % 3 === 0
      })
      // Keys that pollute Object.prototype when an importer merges parsed objects into live ones.
      return fields.replace(
        /^\{/,
        '{"__proto__":{"polluted":"paper"},"constructor":{"prototype":{"polluted":"ctor"}},'
      )
    })
    return (
      '{"__proto__":{"polluted":"top"},"papershelf":1,"exportedAt":"2024-06-01T00:00:00.000Z",' +
      `"papers":[${papers.join(',')}]}`
    )
  },

  'hostile-hf-api.json': (tag) =>
    JSON.stringify(
      hostilePapers(tag).map((p, i) => ({
        paper: {
          id: `2401.${String(10001 + i)}`,
          title: p.title,
          summary: p.abstract,
          authors: p.authors.map((name) => ({ name })),
          projectPage: p.url,
          githubRepo: p.extra[0],
          mediaUrls: [p.extra[1]]
        }
      }))
    ).replace(/"paper":\{/g, '"__proto__":{"polluted":"hf"},"paper":{"__proto__":{"polluted":"hf-paper"},'),

  'hostile-rss.xml': (tag) =>
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Hostile feed</title>\n' +
    hostilePapers(tag)
      .map(
        (p, i) =>
          `<item><title>${i % 2 ? xml(p.title) : `<![CDATA[${p.title}]]>`}</title>` +
          `<link>${xmlUrl(p.url)}</link><guid>${xmlUrl(p.extra[0] as string)}</guid>` +
          `<description><![CDATA[${p.abstract} <a href="${p.extra[0]}">pdf</a> <a href="${p.extra[1]}">web</a> <a href="${GOOD_URL}">code</a>]]></description>` +
          p.authors.map((a) => `<dc:creator>${xml(a)}</dc:creator>`).join('') +
          '</item>\n'
      )
      .join('') +
    '</channel></rss>\n',

  'hostile.atom': (tag) =>
    '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Hostile</title>\n' +
    hostilePapers(tag)
      .map(
        (p, i) =>
          `<entry><id>urn:hostile:${i}</id><title type="html">${xml(p.title)}</title>` +
          `<link href="${xmlUrl(p.url)}"/><link rel="related" href="${xmlUrl(p.extra[0] as string)}"/>` +
          `<link rel="enclosure" href="${xmlUrl(p.extra[1] as string)}"/><link rel="alternate" href="${GOOD_URL}"/>` +
          `<summary type="${i % 2 ? 'html' : 'text'}">${xml(p.abstract)}</summary>` +
          p.authors.map((a) => `<author><name>${xml(a)}</name></author>`).join('') +
          '</entry>\n'
      )
      .join('') +
    '</feed>\n',

  'hostile-hf.html': (tag) =>
    '<!DOCTYPE html><html><head><title>Daily Papers - Hugging Face</title>' +
    `<base href="javascript:window.__pwned='page-base'//">` +
    `<meta http-equiv="refresh" content="0;url=javascript:window.__pwned='page-meta'"></head><body>` +
    '<section class="container"><h1>Daily Papers</h1><div class="grid">\n' +
    hostilePapers(tag)
      .map(
        (p, i) =>
          `<article class="relative flex flex-col"><a href="/papers/2402.${String(20001 + i)}"><img src="x" onerror="window.__pwned='card'"></a>` +
          `<h3><a href="/papers/2402.${String(20001 + i)}" class="line-clamp-3">${p.title}</a></h3>` +
          `<p class="line-clamp-2 text-sm">${p.abstract} <a href="${p.url}">project</a> <a href="${p.extra[0]}">pdf</a> <a href="${p.extra[1]}">web</a> <a href="${GOOD_URL}">code</a></p>` +
          `<ul>${p.authors.map((a) => `<li title="${xml(a)}">${a}</li>`).join('')}</ul></article>\n`
      )
      .join('') +
    '</div></section></body></html>\n',

  'hostile-hf.txt': (tag) =>
    'Get trending papers in your email inbox once a day!\n' +
    hostilePapers(tag)
      // Titles stay title-sized here: this format tells titles from abstracts by their length and shape.
      .map(
        (p, i) =>
          `Hostile ${tag} ${i + 1}: ${pick(MARKUP, 3 * i)} ${pick(MARKUP, 3 * i + 1)}\n${p.abstract}\n`
      )
      .join(''),

  'hostile-arxiv.txt': (tag) =>
    '------------------------------------------------------------------------------\n' +
    ' Submissions to:\nComputation and Language\n' +
    ' received from  Wed 12 Jun 24 18:00:00 GMT  to  Thu 13 Jun 24 18:00:00 GMT\n' +
    '------------------------------------------------------------------------------\n' +
    hostilePapers(tag)
      .map(
        (p, i) =>
          `\\\\\narXiv:2403.${String(30001 + i)}\nDate: Thu, 13 Jun 2024 17:59:58 GMT   (2873kb,D)\n\n` +
          `Title: ${p.title.replace(/\n/g, ' ')}\nAuthors: ${p.authors.join(', ')}\n` +
          `Categories: cs.CL\nComments: Code at ${p.url} and ${GOOD_URL}\n\\\\\n  ${p.abstract.replace(/\n/g, ' ')}\n` +
          `\\\\ ( https://arxiv.org/abs/2403.${String(30001 + i)} ,  2873kb)\n` +
          '------------------------------------------------------------------------------\n'
      )
      .join('')
}

/** Notes as a user might paste them: Markdown whose HTML and links must never come alive in the preview. */
export const HOSTILE_NOTES = [
  `<img src=x onerror="window.__pwned='note-img'">`,
  `<script>window.__pwned='note-script'</script>`,
  `<svg onload="window.__pwned='note-svg'"><circle r=5></circle></svg>`,
  `<iframe srcdoc="<script>parent.__pwned='note-iframe'</script>"></iframe>`,
  `[x](javascript:window.__pwned='note-link') [y](JaVaScRiPt:window.__pwned='note-link-mixed') ` +
    `[z](&#106;avascript:window.__pwned='note-link-entity') [d](data:text/html,<script>window.__pwned='note-data'</script>) ` +
    `<a href="javascript:window.__pwned='note-raw-a'">raw</a> ![i](javascript:window.__pwned='note-image')`,
  '```<style onload="window.__pwned=\'note-fence\'">\ncode <b>bold</b>\n```',
  `<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned='note-math'"></style></mglyph></table></mtext></math>`,
  `<details open ontoggle="window.__pwned='note-details'">d</details> <input type="checkbox" autofocus onfocus="window.__pwned='note-input'">`,
  `<form action="javascript:window.__pwned='note-form'"><button formaction="javascript:window.__pwned='note-fa'">go</button></form>`,
  `<meta http-equiv="refresh" content="0;url=javascript:window.__pwned='note-meta'"><base href="javascript:/">`,
  `- [x] done <a href="${GOOD_URL}" onclick="window.__pwned='note-onclick'">safe link</a> **bold**`
]
