// HTML character references: the HTML 4 set plus the HTML 5 names that show up in papers and e-mails.
// Kept in a Map so that names like "constructor" can never resolve through a prototype.

const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 ' +
  'acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml ' +
  'Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde ' +
  'Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ' +
  'ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide ' +
  'oslash ugrave uacute ucirc uuml yacute thorn yuml'

const GREEK_UPPER = 'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho'
const GREEK_UPPER_2 = 'Sigma Tau Upsilon Phi Chi Psi Omega'

const OTHERS: Record<string, number> = {
  quot: 34,
  amp: 38,
  apos: 39,
  lt: 60,
  gt: 62,
  Tab: 9,
  NewLine: 10,
  excl: 33,
  num: 35,
  dollar: 36,
  percnt: 37,
  lpar: 40,
  rpar: 41,
  ast: 42,
  plus: 43,
  comma: 44,
  period: 46,
  sol: 47,
  colon: 58,
  semi: 59,
  equals: 61,
  quest: 63,
  commat: 64,
  lsqb: 91,
  lbrack: 91,
  bsol: 92,
  rsqb: 93,
  rbrack: 93,
  Hat: 94,
  lowbar: 95,
  grave: 96,
  lcub: 123,
  lbrace: 123,
  verbar: 124,
  vert: 124,
  rcub: 125,
  rbrace: 125,
  OElig: 338,
  oelig: 339,
  Scaron: 352,
  scaron: 353,
  Yuml: 376,
  fnof: 402,
  circ: 710,
  tilde: 732,
  sigmaf: 962,
  thetasym: 977,
  upsih: 978,
  piv: 982,
  ensp: 8194,
  emsp: 8195,
  thinsp: 8201,
  zwnj: 8204,
  zwj: 8205,
  lrm: 8206,
  rlm: 8207,
  hyphen: 8208,
  dash: 8208,
  ndash: 8211,
  mdash: 8212,
  horbar: 8213,
  lsquo: 8216,
  rsquo: 8217,
  sbquo: 8218,
  ldquo: 8220,
  rdquo: 8221,
  bdquo: 8222,
  dagger: 8224,
  Dagger: 8225,
  bull: 8226,
  hellip: 8230,
  permil: 8240,
  prime: 8242,
  Prime: 8243,
  lsaquo: 8249,
  rsaquo: 8250,
  oline: 8254,
  frasl: 8260,
  euro: 8364,
  image: 8465,
  weierp: 8472,
  real: 8476,
  trade: 8482,
  alefsym: 8501,
  larr: 8592,
  uarr: 8593,
  rarr: 8594,
  darr: 8595,
  harr: 8596,
  crarr: 8629,
  lArr: 8656,
  uArr: 8657,
  rArr: 8658,
  dArr: 8659,
  hArr: 8660,
  forall: 8704,
  part: 8706,
  exist: 8707,
  empty: 8709,
  nabla: 8711,
  isin: 8712,
  notin: 8713,
  ni: 8715,
  prod: 8719,
  sum: 8721,
  minus: 8722,
  lowast: 8727,
  radic: 8730,
  prop: 8733,
  infin: 8734,
  ang: 8736,
  and: 8743,
  or: 8744,
  cap: 8745,
  cup: 8746,
  int: 8747,
  there4: 8756,
  sim: 8764,
  cong: 8773,
  asymp: 8776,
  ne: 8800,
  equiv: 8801,
  le: 8804,
  ge: 8805,
  sub: 8834,
  sup: 8835,
  nsub: 8836,
  sube: 8838,
  supe: 8839,
  oplus: 8853,
  otimes: 8855,
  perp: 8869,
  sdot: 8901,
  lceil: 8968,
  rceil: 8969,
  lfloor: 8970,
  rfloor: 8971,
  lang: 10216,
  rang: 10217,
  loz: 9674,
  spades: 9824,
  clubs: 9827,
  hearts: 9829,
  diams: 9830,
  check: 10003,
  half: 189,
  middot: 183,
  centerdot: 183
}

function buildTable(): Map<string, string> {
  const table = new Map<string, string>()
  LATIN1.split(' ').forEach((name, i) => table.set(name, String.fromCharCode(160 + i)))
  GREEK_UPPER.split(' ').forEach((name, i) => {
    table.set(name, String.fromCharCode(913 + i))
    table.set(name.toLowerCase(), String.fromCharCode(945 + i))
  })
  // U+03A2 is unassigned, so Sigma..Omega start one further on.
  GREEK_UPPER_2.split(' ').forEach((name, i) => {
    table.set(name, String.fromCharCode(931 + i))
    table.set(name.toLowerCase(), String.fromCharCode(963 + i))
  })
  for (const [name, code] of Object.entries(OTHERS)) table.set(name, String.fromCharCode(code))
  return table
}

const NAMED = buildTable()

// HTML maps numeric references in 128..159 through Windows-1252, as browsers do.
const CP1252 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'

function fromCodePoint(code: number): string {
  if (code >= 128 && code <= 159) return CP1252[code - 128] ?? '\ufffd'
  if (code === 9 || code === 10 || code === 13) return ' '
  if (code < 32 || code === 127) return ''
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd'
  return String.fromCodePoint(code)
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
}

/**
 * Reads a character reference at s[i] === '&'. Returns the decoded text and the index after it, or null
 * when there is none: a bare "&" stays as it is (references need their ";", which keeps URLs intact).
 */
export function readEntity(s: string, i: number): { text: string; end: number } | null {
  let j = i + 1
  if (s.charCodeAt(j) === 35) {
    j++
    const hex = s.charCodeAt(j) === 120 || s.charCodeAt(j) === 88
    if (hex) j++
    const start = j
    while (j < s.length && j - start < 8 && (hex ? isHex(s.charCodeAt(j)) : isAlnum(s.charCodeAt(j)))) j++
    if (j === start || s.charCodeAt(j) !== 59) return null
    const digits = s.slice(start, j)
    if (!hex && !/^\d+$/.test(digits)) return null
    return { text: fromCodePoint(parseInt(digits, hex ? 16 : 10)), end: j + 1 }
  }
  const start = j
  while (j < s.length && j - start < 32 && isAlnum(s.charCodeAt(j))) j++
  if (j === start || s.charCodeAt(j) !== 59) return null
  const text = NAMED.get(s.slice(start, j))
  return text === undefined ? null : { text, end: j + 1 }
}

/** Decodes character references only (for attribute values and escaped markup). */
export function decodeEntities(s: string): string {
  let i = s.indexOf('&')
  if (i < 0) return s
  let out = ''
  let last = 0
  while (i >= 0) {
    const entity = readEntity(s, i)
    if (entity) {
      out += s.slice(last, i) + entity.text
      last = entity.end
      i = s.indexOf('&', entity.end)
    } else {
      i = s.indexOf('&', i + 1)
    }
  }
  return out + s.slice(last)
}
