// Finds the links a paper's text mentions and sorts them into code, paper and project links.
// Candidates are found by scanning for "/" and "www." with indexOf, never with a backtracking regex:
// abstracts can be arbitrarily long single lines.
import type { Link, LinkKind } from '../../shared/types'

const MAX_URL = 2048

// Top-level domains accepted for links written without "https://", so that "e.g./i.e." or "1.5/2" are
// never taken for hosts.
const BARE_TLDS = new Set(
  (
    'com org net io ai co edu gov dev app info me tech xyz page site science ml cc us uk de fr cn jp ch nl ca ' +
    'au ee eu it es se no fi dk be at pl ru kr in br il sg hk tw nz cz pt gr ie'
  ).split(' ')
)

function isBoundary(c: number): boolean {
  // whitespace, quotes and brackets that cannot be part of a URL token
  return c <= 32 || c === 34 || c === 60 || c === 62 || c === 96 || c === 0xa0 || c === 0x201c || c === 0x201d
}

function hostMatches(host: string, domain: string): boolean {
  return host === domain || host.endsWith('.' + domain)
}

const CODE_HOSTS = [
  'github.com',
  'gitlab.com',
  'bitbucket.org',
  'codeberg.org',
  'sourceforge.net',
  'gitee.com'
]
const PAPER_HOSTS = [
  'arxiv.org',
  'doi.org',
  'openreview.net',
  'aclanthology.org',
  'aclweb.org',
  'papers.nips.cc',
  'papers.neurips.cc',
  'dl.acm.org',
  'ieeexplore.ieee.org',
  'link.springer.com',
  'sciencedirect.com',
  'semanticscholar.org',
  'biorxiv.org',
  'medrxiv.org',
  'ssrn.com',
  'jmlr.org',
  'openaccess.thecvf.com',
  'ojs.aaai.org',
  'ijcai.org',
  'pubmed.ncbi.nlm.nih.gov',
  'ncbi.nlm.nih.gov',
  'nature.com',
  'science.org',
  'pnas.org',
  'researchgate.net',
  'alphaxiv.org',
  'scholar.google.com'
]
const OTHER_HOSTS = [
  'youtube.com',
  'youtu.be',
  'vimeo.com',
  'twitter.com',
  'x.com',
  'linkedin.com',
  'facebook.com',
  'discord.gg',
  'discord.com',
  'reddit.com',
  'medium.com',
  'bilibili.com'
]
const ARCHIVE_SUFFIXES = ['.zip', '.tar', '.gz', '.tgz', '.bz2', '.xz', '.7z', '.rar']

/** What a link points at: source code, a paper, a project page, or something else (video, social). */
export function classifyLink(url: string): LinkKind {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'other'
  }
  const host = parsed.hostname.toLowerCase()
  const path = parsed.pathname.toLowerCase()
  if (path.endsWith('.pdf')) return 'paper'
  if (hostMatches(host, 'huggingface.co') || hostMatches(host, 'hf.co')) {
    return path.startsWith('/papers') ? 'paper' : 'code'
  }
  if (host.startsWith('proceedings.') || PAPER_HOSTS.some((d) => hostMatches(host, d))) return 'paper'
  if (host.endsWith('.github.io') || host.endsWith('.gitlab.io')) return 'project'
  if (CODE_HOSTS.some((d) => hostMatches(host, d))) return 'code'
  if (host === 'colab.research.google.com' || hostMatches(host, 'kaggle.com')) return 'code'
  if (OTHER_HOSTS.some((d) => hostMatches(host, d))) return 'other'
  if (ARCHIVE_SUFFIXES.some((suffix) => path.endsWith(suffix))) return 'other'
  return 'project'
}

function count(s: string, ch: string): number {
  let n = 0
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++
  return n
}

const TRAILING = '.,;:!?\'"*’”»/'
const PAIRS: ReadonlyArray<[string, string]> = [
  ['(', ')'],
  ['[', ']'],
  ['{', '}']
]

// Sentence punctuation and unbalanced closing brackets after a URL belong to the sentence.
function trimTrailing(url: string): string {
  let u = url
  while (u !== '') {
    const last = u[u.length - 1] ?? ''
    if (TRAILING.includes(last)) {
      u = u.slice(0, -1)
      continue
    }
    const pair = PAIRS.find(([, close]) => close === last)
    if (pair && count(u, pair[0]) < count(u, pair[1])) {
      u = u.slice(0, -1)
      continue
    }
    return u
  }
  return u
}

/**
 * Cleans one URL (from a field or from text): trims sentence punctuation, adds "https://" to bare
 * hosts, and keeps only http(s) URLs with a real host. Returns null for anything else.
 */
export function cleanUrl(raw: string, bare = false): string | null {
  let u = trimTrailing(raw.trim())
  if (u.length === 0 || u.length > MAX_URL) return null
  const lower = u.slice(0, 8).toLowerCase()
  if (lower.startsWith('http://') || lower.startsWith('https://')) {
    u = lower.startsWith('https') ? 'https' + u.slice(5) : 'http' + u.slice(4)
  } else if (lower.includes(':')) {
    return null
  } else {
    u = 'https://' + u
  }
  let parsed: URL
  try {
    parsed = new URL(u)
  } catch {
    return null
  }
  const host = parsed.hostname
  const tld = host.slice(host.lastIndexOf('.') + 1).toLowerCase()
  const isIp = /^\d{1,3}(\.\d{1,3}){3}$/.test(host)
  if (!isIp && (!host.includes('.') || !/^[a-z]{2,24}$|^xn--/.test(tld))) return null
  if (bare && !host.toLowerCase().startsWith('www.') && !BARE_TLDS.has(tld)) return null
  return u
}

function dedupeKey(url: string): string {
  const noScheme = url.replace(/^https?:\/\//i, '')
  const slash = noScheme.indexOf('/')
  const host = (slash < 0 ? noScheme : noScheme.slice(0, slash)).toLowerCase().replace(/^www\./, '')
  return host + (slash < 0 ? '' : noScheme.slice(slash)).replace(/\/+$/, '')
}

// Finds URL-looking tokens in text, in order: any token holding "/" or starting with "www.".
function* candidates(text: string): Generator<{ token: string; bare: boolean }> {
  let searchFrom = 0
  // Remembered between rounds: searching again for an absent "www." would rescan the rest every time.
  let www = text.indexOf('www.')
  for (;;) {
    const slash = text.indexOf('/', searchFrom)
    if (www >= 0 && www < searchFrom) www = text.indexOf('www.', searchFrom)
    const at = slash < 0 ? www : www < 0 ? slash : Math.min(slash, www)
    if (at < 0) return
    let start = at
    while (start > 0 && at - start < MAX_URL && !isBoundary(text.charCodeAt(start - 1))) start--
    let end = at
    while (end < text.length && end - at < MAX_URL && !isBoundary(text.charCodeAt(end))) end++
    searchFrom = Math.max(end, at + 1)
    const token = text.slice(start, end)
    const scheme = token.search(/https?:\/\//i)
    if (scheme >= 0) {
      yield { token: token.slice(scheme), bare: false }
      continue
    }
    // A bare host must start the token (after opening punctuation) and must not be an e-mail address.
    const stripped = token.replace(/^[(["'‘“<]+/, '')
    if (stripped.includes('@') || stripped.includes('://')) continue
    const firstSlash = stripped.indexOf('/')
    const host = firstSlash < 0 ? stripped : stripped.slice(0, firstSlash)
    if (!/^[a-z0-9][a-z0-9.-]*\.[a-z]{2,24}$/i.test(host)) continue
    if (firstSlash < 0 && !host.toLowerCase().startsWith('www.')) continue
    yield { token: stripped, bare: true }
  }
}

/**
 * Links found in `text` (with or without a scheme), preceded by the `extra` URLs a record names
 * explicitly (its own page, its PDF). Only http(s); duplicates ignoring scheme, "www." and trailing "/"
 * are dropped; order is as found.
 */
export function extractLinks(text: string, extra: ReadonlyArray<string | null | undefined> = []): Link[] {
  const links: Link[] = []
  const seen = new Set<string>()
  const add = (raw: string, bare: boolean): void => {
    const url = cleanUrl(raw, bare)
    if (url === null) return
    const key = dedupeKey(url)
    if (seen.has(key)) return
    seen.add(key)
    links.push({ url, kind: classifyLink(url) })
  }
  for (const url of extra) if (url) add(url, false)
  if (text.includes('/') || text.includes('www.')) {
    for (const { token, bare } of candidates(text)) add(token, bare)
  }
  return links
}
