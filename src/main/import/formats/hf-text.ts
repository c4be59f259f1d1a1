// The Hugging Face Daily Papers page copied as plain text: a title line, then its abstract on one line,
// for every paper, with banner lines at the top. Titles and abstracts are told apart by what each line
// looks like, and the whole sequence is labelled at once (a two-state Viterbi pass), so one missing line
// never shifts every later abstract onto the wrong paper.
import { buildPaper, type FormatResult } from '../record'

const BANNER = 'get trending papers in your email inbox'
const SUBSCRIBE = 'Subscribe'

// Costs of the unlikely transitions: a title with no abstract after it, an abstract with no title.
const TITLE_WITHOUT_ABSTRACT = 3
const ABSTRACT_WITHOUT_TITLE = 5

/** Only this much of a line is inspected: beyond it, its length alone already says it is no title. */
const FEATURE_SPAN = 600
// ". A", "? The", "! 3": a sentence ends inside the line.
const SENTENCE_BREAK = /[.!?] [A-Z0-9\u00c0-\u00de]/g

interface LineCost {
  title: number
  abstract: number
}

function countBreaks(head: string): number {
  let breaks = 0
  SENTENCE_BREAK.lastIndex = 0
  while (breaks < 3 && SENTENCE_BREAK.exec(head)) breaks++
  return breaks
}

/** How unlike a title and how unlike an abstract a line is (0 = typical). */
export function lineCost(line: string): LineCost {
  const len = line.length
  const head = len > FEATURE_SPAN ? line.slice(0, FEATURE_SPAN) : line
  const breaks = countBreaks(head)
  const tail = line.slice(Math.max(0, len - 3)).replace(/["')\]’”]+$/, '')
  const endsWithPeriod = tail.endsWith('.')
  const endsLikeSentence = /[.!?]$/.test(tail) || /\/\S*$/.test(line.slice(Math.max(0, len - 200)))
  const hasUrl = head.includes('://')

  let title = 0
  if (len > 400) title += 8
  else if (len > 250) title += 4
  else if (len > 180) title += 1.5
  title += 2.5 * breaks
  if (endsWithPeriod) title += 1.5
  if (hasUrl) title += 2

  let abstract = 0
  if (len < 80) abstract += 6
  else if (len < 150) abstract += 3.5
  else if (len < 250) abstract += 2
  if (breaks === 0) abstract += 1.5
  if (!endsLikeSentence) abstract += 0.5
  if (len < 250) {
    // Title Case: most longer words capitalised.
    const words = line.split(' ').filter((w) => w.length >= 4)
    const capitalised = words.filter((w) => /^[A-Z\u00c0-\u00de]/.test(w)).length
    if (words.length >= 3 && capitalised / words.length > 0.6) abstract += 1.5
  }
  return { title, abstract }
}

interface Content {
  text: string
  line: number
}

function isBanner(line: string): boolean {
  return (
    (line.charCodeAt(0) | 32) === 103 &&
    line.slice(0, 60).toLowerCase().replace(/\s+/g, ' ').startsWith(BANNER)
  )
}

// "SubscribeCARE: …": the page's button text glued to the first title when copied.
function stripSubscribe(line: string): string {
  if (!line.startsWith(SUBSCRIBE)) return line
  const next = line.charCodeAt(SUBSCRIBE.length)
  const lowercase = next >= 97 && next <= 122
  return lowercase ? line : line.slice(SUBSCRIBE.length).trim()
}

// Lines with no letter at all (counters, separators) or a lone word of the page chrome.
function isNoise(line: string): boolean {
  return line.length < 3 || line === SUBSCRIBE || !/\p{L}/u.test(line.slice(0, 100))
}

function contentLines(text: string): Content[] {
  const out: Content[] = []
  const raw = text.split('\n')
  let afterBanner = true
  for (let i = 0; i < raw.length; i++) {
    let line = (raw[i] ?? '').trim()
    if (line === '') continue
    if (isBanner(line)) {
      // The banner may have the next line glued to it: keep whatever follows its "!".
      const bang = line.indexOf('!')
      line = bang >= 0 ? line.slice(bang + 1).trim() : ''
      afterBanner = true
      if (line === '') continue
    }
    if (afterBanner) line = stripSubscribe(line)
    afterBanner = false
    if (isNoise(line)) continue
    out.push({ text: line, line: i + 1 })
  }
  return out
}

/** Labels each line title (true) or abstract (false) with the cheapest consistent sequence. */
function label(costs: LineCost[]): boolean[] {
  const n = costs.length
  const fromTitle = new Uint8Array(n)
  const fromAbstract = new Uint8Array(n)
  let asTitle = costs[0]?.title ?? 0
  let asAbstract = ABSTRACT_WITHOUT_TITLE + (costs[0]?.abstract ?? 0)
  for (let i = 1; i < n; i++) {
    const cost = costs[i] ?? { title: 0, abstract: 0 }
    const titleAfterTitle = asTitle + TITLE_WITHOUT_ABSTRACT
    const abstractAfterAbstract = asAbstract + ABSTRACT_WITHOUT_TITLE
    fromTitle[i] = titleAfterTitle <= asAbstract ? 1 : 0
    fromAbstract[i] = asTitle <= abstractAfterAbstract ? 1 : 0
    const nextTitle = Math.min(titleAfterTitle, asAbstract) + cost.title
    const nextAbstract = Math.min(asTitle, abstractAfterAbstract) + cost.abstract
    asTitle = nextTitle
    asAbstract = nextAbstract
  }
  const labels: boolean[] = new Array<boolean>(n)
  let isTitle = asTitle + TITLE_WITHOUT_ABSTRACT <= asAbstract
  for (let i = n - 1; i >= 0; i--) {
    labels[i] = isTitle
    isTitle = isTitle ? fromTitle[i] === 1 : fromAbstract[i] === 1
  }
  return labels
}

function quoteTitle(title: string): string {
  return title.length > 80 ? `"${title.slice(0, 77)}…"` : `"${title}"`
}

export function parse(text: string): FormatResult {
  const lines = contentLines(text)
  const labels = label(lines.map((l) => lineCost(l.text)))
  const papers: FormatResult['papers'] = []
  const warnings: string[] = []
  // Lines that are all titles are a list of something, not a Daily Papers copy.
  if (!labels.includes(false)) return { papers, warnings }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (!line) continue
    if (!labels[i]) {
      if (i === 0 || !labels[i - 1]) {
        warnings.push(`Line ${line.line} looks like an abstract without a title and was skipped.`)
      }
      continue
    }
    const next = lines[i + 1]
    const abstract = next && labels[i + 1] === false ? next.text : ''
    const paper = buildPaper({ title: line.text, abstract })
    if (!paper) {
      warnings.push(`Line ${line.line} has no title text and was skipped.`)
      continue
    }
    if (abstract === '') {
      warnings.push(
        `${quoteTitle(paper.title)} (line ${line.line}) has no abstract; it was imported without one.`
      )
    }
    papers.push(paper)
  }
  return { papers, warnings }
}

/** Whether plain text has the shape of a Daily Papers copy: a title-like line followed by an abstract-like one. */
export function looksLikeHfText(text: string): boolean {
  let previous: LineCost | null = null
  let seen = 0
  let start = 0
  while (start < text.length && seen < 400) {
    const end = text.indexOf('\n', start)
    const line = text.slice(start, end < 0 ? text.length : end).trim()
    start = end < 0 ? text.length : end + 1
    if (line === '') continue
    if (isBanner(line)) return true
    seen++
    const cost = lineCost(line)
    if (previous && previous.title < previous.abstract && cost.abstract < cost.title && cost.abstract < 3) {
      return true
    }
    previous = cost
  }
  return false
}
