// Folds LaTeX, HTML entities and stray whitespace into plain display text, and derives the keys used
// for deduplication. One linear scan per string: imports can hold hundreds of megabytes of abstracts.
import { readEntity } from './entities'

export interface NormaliseOptions {
  /** A BibTeX field: braces only group, `~` is a tie and `\\` a line break. */
  bibtex?: boolean
  /** false: the text is already clean (Papershelf's own exports); only whitespace is collapsed. */
  markup?: boolean
}

const LETTERS = new Map(
  Object.entries({
    ss: 'ß',
    SS: 'SS',
    ae: 'æ',
    AE: 'Æ',
    oe: 'œ',
    OE: 'Œ',
    o: 'ø',
    O: 'Ø',
    aa: 'å',
    AA: 'Å',
    l: 'ł',
    L: 'Ł',
    i: 'ı',
    j: 'ȷ',
    dh: 'ð',
    DH: 'Ð',
    th: 'þ',
    TH: 'Þ',
    ng: 'ŋ',
    NG: 'Ŋ',
    dj: 'đ',
    DJ: 'Đ'
  })
)

// Common abbreviation macros (CVPR style); each ends with a period that must not be doubled.
const ABBREVIATIONS = new Map(
  Object.entries({
    ie: 'i.e.',
    Ie: 'I.e.',
    eg: 'e.g.',
    Eg: 'E.g.',
    etal: 'et al.',
    cf: 'cf.',
    Cf: 'Cf.',
    wrt: 'w.r.t.',
    etc: 'etc.',
    vs: 'vs.',
    iid: 'i.i.d.',
    aka: 'a.k.a.'
  })
)

const SYMBOLS = new Map(
  Object.entries({
    ldots: '…',
    dots: '…',
    cdots: '⋯',
    textellipsis: '…',
    textendash: '–',
    textemdash: '—',
    textquoteleft: '‘',
    textquoteright: '’',
    textquotedblleft: '“',
    textquotedblright: '”',
    guillemotleft: '«',
    guillemotright: '»',
    textbullet: '•',
    textperiodcentered: '·',
    textasciitilde: '~',
    textasciicircum: '^',
    textbackslash: '\\',
    // Our BibTeX export writes unpaired braces this way, so they survive a round trip.
    textbraceleft: '{',
    textbraceright: '}',
    textunderscore: '_',
    textbar: '|',
    textless: '<',
    textgreater: '>',
    textdollar: '$',
    textregistered: '®',
    texttrademark: '™',
    copyright: '©',
    textcopyright: '©',
    S: '§',
    P: '¶',
    pounds: '£',
    euro: '€',
    texteuro: '€',
    textdegree: '°',
    degree: '°',
    dag: '†',
    ddag: '‡',
    LaTeX: 'LaTeX',
    TeX: 'TeX',
    BibTeX: 'BibTeX',
    alpha: 'α',
    beta: 'β',
    gamma: 'γ',
    delta: 'δ',
    epsilon: 'ε',
    varepsilon: 'ε',
    zeta: 'ζ',
    eta: 'η',
    theta: 'θ',
    vartheta: 'ϑ',
    iota: 'ι',
    kappa: 'κ',
    lambda: 'λ',
    mu: 'μ',
    nu: 'ν',
    xi: 'ξ',
    pi: 'π',
    varpi: 'ϖ',
    rho: 'ρ',
    varrho: 'ϱ',
    sigma: 'σ',
    varsigma: 'ς',
    tau: 'τ',
    upsilon: 'υ',
    phi: 'φ',
    varphi: 'φ',
    chi: 'χ',
    psi: 'ψ',
    omega: 'ω',
    Gamma: 'Γ',
    Delta: 'Δ',
    Theta: 'Θ',
    Lambda: 'Λ',
    Xi: 'Ξ',
    Pi: 'Π',
    Sigma: 'Σ',
    Upsilon: 'Υ',
    Phi: 'Φ',
    Psi: 'Ψ',
    Omega: 'Ω',
    times: '×',
    cdot: '·',
    pm: '±',
    mp: '∓',
    div: '÷',
    leq: '≤',
    le: '≤',
    geq: '≥',
    ge: '≥',
    neq: '≠',
    ne: '≠',
    approx: '≈',
    sim: '~',
    simeq: '≃',
    cong: '≅',
    equiv: '≡',
    propto: '∝',
    ll: '≪',
    gg: '≫',
    infty: '∞',
    partial: '∂',
    nabla: '∇',
    forall: '∀',
    exists: '∃',
    emptyset: '∅',
    varnothing: '∅',
    in: '∈',
    notin: '∉',
    ni: '∋',
    subset: '⊂',
    subseteq: '⊆',
    supset: '⊃',
    supseteq: '⊇',
    cup: '∪',
    cap: '∩',
    setminus: '∖',
    wedge: '∧',
    land: '∧',
    vee: '∨',
    lor: '∨',
    neg: '¬',
    lnot: '¬',
    to: '→',
    rightarrow: '→',
    leftarrow: '←',
    gets: '←',
    leftrightarrow: '↔',
    Rightarrow: '⇒',
    Leftarrow: '⇐',
    Leftrightarrow: '⇔',
    implies: '⇒',
    iff: '⟺',
    mapsto: '↦',
    uparrow: '↑',
    downarrow: '↓',
    sum: '∑',
    prod: '∏',
    int: '∫',
    oint: '∮',
    sqrt: '√',
    circ: '∘',
    bullet: '•',
    star: '⋆',
    ast: '∗',
    oplus: '⊕',
    otimes: '⊗',
    odot: '⊙',
    perp: '⊥',
    parallel: '∥',
    mid: '|',
    ell: 'ℓ',
    hbar: 'ℏ',
    aleph: 'ℵ',
    prime: '′',
    langle: '⟨',
    rangle: '⟩',
    lceil: '⌈',
    rceil: '⌉',
    lfloor: '⌊',
    rfloor: '⌋',
    top: '⊤',
    bot: '⊥',
    dagger: '†',
    ddagger: '‡',
    checkmark: '✓',
    log: 'log',
    ln: 'ln',
    exp: 'exp',
    sin: 'sin',
    cos: 'cos',
    tan: 'tan',
    max: 'max',
    min: 'min',
    arg: 'arg',
    argmax: 'argmax',
    argmin: 'argmin',
    sup: 'sup',
    inf: 'inf',
    lim: 'lim',
    det: 'det',
    dim: 'dim',
    Pr: 'Pr',
    quad: ' ',
    qquad: ' ',
    left: '',
    right: '',
    big: '',
    Big: '',
    bigg: '',
    Bigg: '',
    bigl: '',
    bigr: '',
    Bigl: '',
    Bigr: '',
    displaystyle: '',
    textstyle: '',
    limits: '',
    nolimits: ''
  })
)

// Font and size switches carry no text: `{\it x}` is just x.
const SWITCHES = new Set(
  (
    'em it bf sc tt rm sl sf itshape bfseries scshape upshape mdseries slshape normalfont rmfamily sffamily ' +
    'ttfamily small large Large LARGE footnotesize scriptsize tiny normalsize huge Huge centering noindent ' +
    'relax protect xspace ignorespaces unskip'
  ).split(' ')
)

const BARE_SWITCH = /^(?:it|bf|em|sc|tt) $/

// Commands whose one braced argument is the text to keep.
const ONE_ARG = new Set(
  (
    'textbf textit emph textsc texttt textrm textsf textup textsl textmd textnormal text mbox hbox underline ' +
    'uline mathrm mathbf mathit mathsf mathtt mathcal mathfrak mathscr mathnormal boldsymbol bm operatorname ' +
    'url nolinkurl path ensuremath overline hat bar vec tilde widehat widetilde textsuperscript textsubscript ' +
    'MakeUppercase MakeLowercase NoCaseChange'
  ).split(' ')
)

const BLACKBOARD = new Map(Object.entries({ R: 'ℝ', N: 'ℕ', Z: 'ℤ', Q: 'ℚ', C: 'ℂ', E: '𝔼', P: 'ℙ' }))

const COMBINING = new Map(
  Object.entries({
    "'": '\u0301',
    '`': '\u0300',
    '^': '\u0302',
    '"': '\u0308',
    '~': '\u0303',
    '=': '\u0304',
    '.': '\u0307',
    c: '\u0327',
    v: '\u030c',
    u: '\u0306',
    H: '\u030b',
    k: '\u0328',
    r: '\u030a',
    d: '\u0323',
    b: '\u0331'
  })
)
// What `\~{}` and friends print: the accent on its own.
const SPACING = new Map(
  Object.entries({ "'": '´', '`': '`', '^': '^', '"': '¨', '~': '~', '=': '¯', '.': '˙' })
)

// Where the scan has to stop; everything else is copied in runs. A plain character class, so that the
// regex engine skips ordinary text at memory speed. Doubled hyphens and TeX quotes are found with
// indexOf; spaces next to other spaces are collapsed once at the end.
const SPECIAL =
  // eslint-disable-next-line no-control-regex -- control characters are among what it looks for
  /[\\&{}~$\x00-\x1f\x7f\u0085\u00a0\u00ad\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/g

function isSpaceCode(c: number): boolean {
  if (c < 128) return c <= 32 || c === 127
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  )
}

// Invisible characters that only ever split words for the reader's eye.
function isDropped(c: number): boolean {
  return c === 0xad || c === 0x200b || c === 0xfeff
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

interface Frame {
  keep: boolean
  suffix: string
}

const MAX_DEPTH = 256
const URL_SCAN = 512

class Folder {
  private out = ''
  private space = false
  private readonly stack: Frame[] = []
  private mathEnd = -1
  private mathWidth = 1
  /** TeX quotes opened with `` and not yet closed with ''. */
  private openQuotes = 0

  constructor(
    private readonly s: string,
    private readonly bibtex: boolean
  ) {}

  run(): string {
    const s = this.s
    // The next occurrence of each kind of special text; each is searched for again only once passed.
    SPECIAL.lastIndex = 0
    let special = SPECIAL.exec(s)?.index ?? -1
    let dashes = s.indexOf('--')
    let closing = s.indexOf("''")
    let opening = s.indexOf('``')
    let run = 0
    for (;;) {
      let at = special
      if (dashes >= 0 && (at < 0 || dashes < at)) at = dashes
      if (closing >= 0 && (at < 0 || closing < at)) at = closing
      if (opening >= 0 && (at < 0 || opening < at)) at = opening
      if (at < 0) break
      if (at > run) this.emit(s.slice(run, at))
      run = this.special(s.charCodeAt(at), at)
      if (special >= 0 && special < run) {
        SPECIAL.lastIndex = run
        special = SPECIAL.exec(s)?.index ?? -1
      }
      if (dashes >= 0 && dashes < run) dashes = s.indexOf('--', run)
      if (closing >= 0 && closing < run) closing = s.indexOf("''", run)
      if (opening >= 0 && opening < run) opening = s.indexOf('``', run)
    }
    if (s.length > run) this.emit(s.slice(run))
    // Literal spaces next to folded ones ("a \, b", "x \n") are the only way doubles survive the scan.
    const out = this.out.includes('  ') ? this.out.replace(/ {2,}/g, ' ') : this.out
    return out.startsWith(' ') || out.endsWith(' ') ? out.trim() : out
  }

  private emit(text: string): void {
    if (text === '') return
    if (this.space) {
      if (this.out.length > 0) this.out += ' '
      this.space = false
    }
    this.out += text
  }

  /** Whitespace: remembered, and written as one space only if more text follows. */
  private gap(): void {
    this.space = true
  }

  /** Whether the whitespace-delimited token around i holds a "/": a URL or path, where `~` and `--` are literal. */
  private inPath(i: number): boolean {
    const s = this.s
    for (let j = i - 1; j >= 0 && i - j < URL_SCAN && !isSpaceCode(s.charCodeAt(j)); j--) {
      if (s[j] === '/') return true
    }
    for (let j = i + 1; j < s.length && j - i < URL_SCAN && !isSpaceCode(s.charCodeAt(j)); j++) {
      if (s[j] === '/') return true
    }
    return false
  }

  private push(frame: Frame, literal: string): void {
    if (this.stack.length >= MAX_DEPTH) {
      this.emit(literal)
      return
    }
    this.stack.push(frame)
    if (frame.keep) this.emit(literal)
  }

  private special(c: number, i: number): number {
    if (isSpaceCode(c)) {
      this.gap()
      let j = i + 1
      while (j < this.s.length && isSpaceCode(this.s.charCodeAt(j))) j++
      return j
    }
    if (isDropped(c)) return i + 1
    switch (c) {
      case 92:
        return this.command(i)
      case 38:
        return this.entity(i)
      case 123:
        return this.openBrace(i)
      case 125:
        return this.closeBrace(i)
      case 126:
        return this.tilde(i)
      case 36:
        return this.dollar(i)
      case 39:
      case 96:
        return this.quotes(c, i)
      default:
        return this.dashes(i)
    }
  }

  private entity(i: number): number {
    const found = readEntity(this.s, i)
    if (!found) {
      this.emit('&')
      return i + 1
    }
    for (const ch of found.text) {
      const code = ch.charCodeAt(0)
      if (isSpaceCode(code)) this.gap()
      else if (!isDropped(code)) this.emit(ch)
    }
    return found.end
  }

  private get inMath(): boolean {
    return this.mathEnd >= 0
  }

  private openBrace(i: number): number {
    const s = this.s
    if (this.inMath) {
      const prev = s[i - 1]
      this.push({ keep: prev === '^' || prev === '_', suffix: '' }, '{')
    } else if (this.bibtex || (s.charCodeAt(i + 1) === 92 && this.knownCommandAt(i + 1))) {
      this.push({ keep: false, suffix: '' }, '{')
    } else if (BARE_SWITCH.test(s.slice(i + 1, i + 4))) {
      // "{it misaligned}": `{\it …}` whose backslash an HTML conversion dropped (seen on Hugging Face).
      this.push({ keep: false, suffix: '' }, '{')
      return i + 4
    } else {
      this.push({ keep: true, suffix: '' }, '{')
    }
    return i + 1
  }

  private closeBrace(i: number): number {
    const frame = this.stack.pop()
    if (!frame) this.emit('}')
    else {
      if (frame.keep) this.emit('}')
      this.emit(frame.suffix)
    }
    return i + 1
  }

  private tilde(i: number): number {
    const s = this.s
    const next = s.charCodeAt(i + 1)
    // `~` is a tie in LaTeX ("Mamba~2") but means "about" in plain text ("~98%").
    const tie =
      this.bibtex ||
      this.inMath ||
      (i > 0 && /[\p{L}\p{N}.)}]/u.test(s[i - 1] ?? '') && i + 1 < s.length && !isSpaceCode(next))
    if (tie && !this.inPath(i)) {
      this.gap()
    } else {
      this.emit('~')
    }
    return i + 1
  }

  private dollar(i: number): number {
    const s = this.s
    if (this.inMath && i === this.mathEnd) {
      this.mathEnd = -1
      return i + this.mathWidth
    }
    if (this.inMath) {
      this.emit('$')
      return i + 1
    }
    if (s.charCodeAt(i + 1) === 36) {
      const end = s.indexOf('$$', i + 2)
      if (end > i + 2 && end - i < 2000) {
        this.mathEnd = end
        this.mathWidth = 2
        return i + 2
      }
      this.emit('$$')
      return i + 2
    }
    // Pandoc's rule keeps prices as text: "$" opens math only before a non-space, and closes only after
    // a non-space and not before a digit.
    const first = s.charCodeAt(i + 1)
    if (i + 1 < s.length && !isSpaceCode(first)) {
      const limit = Math.min(s.length, i + 400)
      for (let j = i + 1; j < limit; j++) {
        const c = s.charCodeAt(j)
        if (c === 92) j++
        else if (c === 10) break
        else if (c === 36) {
          if (j > i + 1 && !isSpaceCode(s.charCodeAt(j - 1)) && !isDigit(s.charCodeAt(j + 1))) {
            this.mathEnd = j
            this.mathWidth = 1
            return i + 1
          }
        }
      }
    }
    this.emit('$')
    return i + 1
  }

  // TeX's ``quoted'': the closing '' only counts after an opening ``, so plain text keeps its ''.
  private quotes(c: number, i: number): number {
    if (c === 96) {
      this.emit('“')
      this.openQuotes++
    } else if (this.openQuotes > 0) {
      this.emit('”')
      this.openQuotes--
    } else {
      this.emit("''")
    }
    return i + 2
  }

  private dashes(i: number): number {
    const s = this.s
    let j = i
    while (j < s.length && s.charCodeAt(j) === 45) j++
    const count = j - i
    const prev = s.charCodeAt(i - 1)
    const next = s.charCodeAt(j)
    const literal =
      count > 3 ||
      i === 0 ||
      j >= s.length ||
      prev === 33 ||
      prev === 60 ||
      next === 62 ||
      // "--flag" on the command line
      (isSpaceCode(prev) && isAsciiLetter(next)) ||
      this.inPath(i)
    this.emit(literal ? s.slice(i, j) : count === 2 ? '–' : '—')
    return j
  }

  private knownCommandAt(i: number): boolean {
    const s = this.s
    const c = s.charCodeAt(i + 1)
    if (!isAsciiLetter(c)) return COMBINING.has(s[i + 1] ?? '') || '%&_$#'.includes(s[i + 1] ?? '\\')
    let j = i + 1
    while (j < s.length && j - i <= 40 && isAsciiLetter(s.charCodeAt(j))) j++
    const name = s.slice(i + 1, j)
    return (
      LETTERS.has(name) ||
      COMBINING.has(name) ||
      SWITCHES.has(name) ||
      SYMBOLS.has(name) ||
      ONE_ARG.has(name) ||
      ABBREVIATIONS.has(name)
    )
  }

  private command(i: number): number {
    const s = this.s
    const c = s.charCodeAt(i + 1)
    if (i + 1 >= s.length) {
      this.emit('\\')
      return i + 1
    }
    if (isAsciiLetter(c)) {
      let j = i + 1
      while (j < s.length && j - i <= 40 && isAsciiLetter(s.charCodeAt(j))) j++
      return this.named(s.slice(i + 1, j), i, j)
    }
    const ch = s[i + 1] ?? ''
    if ('%&_$#{}'.includes(ch)) {
      this.emit(ch)
      return i + 2
    }
    if (isSpaceCode(c) || ch === ',' || ch === ';' || ch === ':') {
      this.gap()
      return i + 2
    }
    if (ch === '!' || ch === '-' || ch === '/' || ch === '@') return i + 2
    if (ch === '\\') {
      if (this.bibtex) this.gap()
      else this.emit('\\\\')
      return i + 2
    }
    if (ch === '|' && this.inMath) {
      this.emit('‖')
      return i + 2
    }
    if (COMBINING.has(ch)) return this.accent(ch, i, i + 2, false)
    this.emit('\\')
    return i + 1
  }

  private named(name: string, start: number, j: number): number {
    const s = this.s
    const letter = LETTERS.get(name)
    if (letter !== undefined) {
      this.emit(letter)
      if (s[j] === '{' && s[j + 1] === '}') return j + 2
      // TeX swallows the space after a control word: "Stra\ss e" is "Straße".
      if (s[j] === ' ' && isAsciiLetter(s.charCodeAt(j + 1))) return j + 1
      return j
    }
    if (COMBINING.has(name) && (s[j] === '{' || (s[j] === ' ' && isAsciiLetter(s.charCodeAt(j + 1))))) {
      return this.accent(name, start, j, true)
    }
    if ((name === 'mathbb' || name === 'mathds') && s[j] === '{' && s[j + 2] === '}') {
      const ch = s[j + 1] ?? ''
      this.emit(BLACKBOARD.get(ch) ?? ch)
      return j + 3
    }
    if (name === 'href' && s[j] === '{') {
      const close = s.indexOf('}', j + 1)
      const url = close > 0 && close - j < 2000 ? s.slice(j + 1, close) : ''
      if (url !== '' && !url.includes('{') && s[close + 1] === '{') {
        this.push({ keep: false, suffix: ` (${url})` }, '{')
        return close + 2
      }
    }
    if (ONE_ARG.has(name)) {
      let k = j
      while (s[k] === ' ') k++
      if (s[k] === '{') {
        this.push({ keep: false, suffix: '' }, '{')
        return k + 1
      }
    }
    if (SWITCHES.has(name)) return s[j] === ' ' ? j + 1 : j
    const symbol = SYMBOLS.get(name)
    if (symbol !== undefined) {
      if (symbol === ' ') this.gap()
      else this.emit(symbol)
      return s[j] === '{' && s[j + 1] === '}' ? j + 2 : j
    }
    const abbreviation = ABBREVIATIONS.get(name)
    if (abbreviation !== undefined) {
      this.emit(abbreviation)
      let k = j
      if (s[k] === '{' && s[k + 1] === '}') k += 2
      if (s[k] === '\\' && s[k + 1] === ' ') this.gap()
      return s[k] === '.' ? k + 1 : k
    }
    // An unknown macro: BibTeX keeps its argument's text, anything else keeps the macro as written.
    if (this.bibtex && s[j] === '{') {
      this.push({ keep: false, suffix: '' }, '{')
      return j + 1
    }
    this.emit(s.slice(start, j))
    return j
  }

  private accent(acc: string, start: number, k: number, letterCommand: boolean): number {
    const s = this.s
    let p = k
    if (letterCommand && s[p] === ' ') p++
    let base: string | null = null
    let end = p
    let braced = false
    if (s[p] === '{') {
      const close = s.indexOf('}', p + 1)
      if (close > 0 && close - p <= 8) {
        const inner = s.slice(p + 1, close).trim()
        if (inner === '') {
          this.emit(SPACING.get(acc) ?? '')
          return close + 1
        }
        if (inner === '\\i' || inner === '\\j') base = inner.slice(1)
        else if ([...inner].length === 1) base = inner
        end = close + 1
        braced = true
      }
    } else if (
      s[p] === '\\' &&
      (s[p + 1] === 'i' || s[p + 1] === 'j') &&
      !isAsciiLetter(s.charCodeAt(p + 2))
    ) {
      base = s[p + 1] ?? null
      end = s[p + 2] === '{' && s[p + 3] === '}' ? p + 4 : p + 2
    } else if (p < s.length) {
      const cp = s.codePointAt(p) ?? 32
      if (!isSpaceCode(cp) && cp !== 123 && cp !== 125 && cp !== 92) {
        base = String.fromCodePoint(cp)
        end = p + base.length
      }
    }
    if (base === null) {
      this.emit(s.slice(start, k))
      return k
    }
    if (acc === "'" && !braced && isContraction(s, start, end)) {
      this.emit("'")
      return k
    }
    const composed = (base + (COMBINING.get(acc) ?? '')).normalize('NFC')
    // Unbraced, `\"h` is more likely an escaped quote than "ḧ": accept only the Latin letters that
    // names and words are written with (precomposed, below U+0250).
    if (!letterCommand && !braced && (composed.length !== 1 || composed.charCodeAt(0) >= 0x250)) {
      this.emit(s.slice(start, k))
      return k
    }
    this.emit(composed)
    return end
  }
}

// "model\'s", "don\'t": an escaped apostrophe, not an acute accent.
function isContraction(s: string, start: number, end: number): boolean {
  if (!isAsciiLetter(s.charCodeAt(start - 1))) return false
  const base = s[end - 1] ?? ''
  if ('stdm'.includes(base)) return !isAsciiLetter(s.charCodeAt(end))
  const two = s.slice(end - 1, end + 1)
  return (two === 're' || two === 've' || two === 'll') && !isAsciiLetter(s.charCodeAt(end + 1))
}

// Characters that may change under NFC or combine with their neighbours: everything outside Latin-1
// and Latin Extended letters, punctuation from U+2002 on, letterlike symbols before U+2126, arrows,
// operators and CJK. A plain character class, so that scanning for it runs at memory speed.
// eslint-disable-next-line no-control-regex -- the range starts at U+0000 only to exclude all of ASCII
const NFC_UNSTABLE = /[^\x00-\u02ff\u2002-\u2125\u2190-\u22ff\u3000-\u30ff\u4e00-\u9fff]/g

/**
 * NFC, normalising only the stretches around characters that can change. ASCII characters are NFC
 * boundaries (they never combine with what precedes them), so each stretch runs from the character
 * before a non-ASCII run to the next ASCII character.
 */
export function nfc(s: string): string {
  NFC_UNSTABLE.lastIndex = 0
  let match = NFC_UNSTABLE.exec(s)
  if (!match) return s
  let out = ''
  let last = 0
  while (match) {
    const { start, end } = nfcStretch(s, match.index, last)
    out += s.slice(last, start) + s.slice(start, end).normalize('NFC')
    last = end
    NFC_UNSTABLE.lastIndex = end
    match = NFC_UNSTABLE.exec(s)
  }
  return out + s.slice(last)
}

/** The stretch around s[i] that normalises independently: from the character before its non-ASCII run to the next ASCII one. */
export function nfcStretch(s: string, i: number, last: number): { start: number; end: number } {
  let start = i
  while (start > last && s.charCodeAt(start - 1) >= 128) start--
  if (start > last) start--
  let end = i + 1
  while (end < s.length && s.charCodeAt(end) >= 128) end++
  return { start, end }
}

const ODD_SPACE = /[\t-\r\u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/

// Clean text mostly has single spaces only: then nothing needs rewriting.
function collapseSpaces(s: string): string {
  const t = ODD_SPACE.test(s) || s.includes('  ') ? s.replace(/[\s\u200b]+/g, ' ') : s
  return t.startsWith(' ') || t.endsWith(' ') ? t.trim() : t
}

/**
 * Folds LaTeX (accents, escapes, font commands, simple math), HTML entities and whitespace into plain
 * text for display and search. Conservative: unknown macros, paths and prices stay as written.
 */
export function normaliseText(s: string, opts: NormaliseOptions = {}): string {
  if (opts.markup === false) return nfc(collapseSpaces(s))
  return nfc(new Folder(s, opts.bibtex === true).run())
}

/** A title for display: folded like any text. */
export function normaliseTitle(s: string, opts: NormaliseOptions = {}): string {
  return normaliseText(s, opts)
}

// Letters that NFKD leaves whole but that readers treat as plain Latin ones.
const KEY_FOLD = new Map(
  Object.entries({
    ß: 'ss',
    æ: 'ae',
    œ: 'oe',
    ø: 'o',
    ł: 'l',
    đ: 'd',
    ð: 'd',
    þ: 'th',
    ı: 'i',
    ȷ: 'j',
    ŋ: 'n',
    ς: 'σ'
  })
)

/** The deduplication key of a title: case, accents, LaTeX, punctuation and spacing folded away. */
export function titleKey(title: string): string {
  const folded = normaliseText(title)
    .normalize('NFKD')
    .toLowerCase()
    .replace(/\p{M}+/gu, '')
  const key = folded
    .replace(/[ßæœøłđðþıȷŋς]/g, (ch) => KEY_FOLD.get(ch) ?? ch)
    .replace(/[^\p{L}\p{N}]+/gu, '')
  return key !== '' ? key : folded.replace(/\s+/g, '')
}

const OLD_ARCHIVES = new Set(
  (
    'acc-phys adap-org alg-geom ao-sci astro-ph atom-ph bayes-an chao-dyn chem-ph cmp-lg comp-gas cond-mat cs ' +
    'dg-ga funct-an gr-qc hep-ex hep-lat hep-ph hep-th math math-ph mtrl-th nlin nucl-ex nucl-th patt-sol ' +
    'physics plasm-ph q-alg q-bio quant-ph solv-int supr-con'
  ).split(' ')
)

const ARXIV_MARKERS = [
  'arxiv.org/abs/',
  'arxiv.org/pdf/',
  'arxiv.org/html/',
  'arxiv.org/format/',
  'huggingface.co/papers/',
  'hf.co/papers/',
  'alphaxiv.org/abs/',
  'oai:arxiv.org:',
  'arxiv:'
]

/** A bare arXiv id without version ("2406.12345", "hep-th/9901001"), or null. */
export function normaliseArxivId(s: string): string | null {
  let t = s.trim()
  if (t.length > 300) return null
  const lower = t.toLowerCase()
  for (const marker of ARXIV_MARKERS) {
    const at = lower.indexOf(marker)
    if (at >= 0) {
      t = t.slice(at + marker.length).trim()
      break
    }
  }
  t = t.replace(/[?#].*$/s, '').replace(/\/+$/, '')
  if (/\.pdf$/i.test(t)) t = t.slice(0, -4)
  const modern = /^(\d{4})\.(\d{4,5})(?:v\d+)?$/.exec(t)
  if (modern) {
    const [, yymm = '', number = ''] = modern
    const month = Number(yymm.slice(2))
    // Five-digit numbers began in January 2015.
    if (month < 1 || month > 12 || (number.length === 5 && Number(yymm) < 1501)) return null
    return `${yymm}.${number}`
  }
  const old = /^([a-z]+(?:-[a-z]+)?)(?:\.([a-z]{2}))?\/(\d{7})(?:v\d+)?$/i.exec(t)
  if (old) {
    const [, archive = '', subject, number = ''] = old
    if (!OLD_ARCHIVES.has(archive.toLowerCase())) return null
    return `${archive.toLowerCase()}${subject ? '.' + subject.toUpperCase() : ''}/${number}`
  }
  return null
}

const DOI_PREFIXES = ['https://', 'http://', 'www.', 'dx.doi.org/', 'doi.org/', 'doi:', 'doi ']

/** A lower-cased DOI without resolver or "doi:" prefix, or null. */
export function normaliseDoi(s: string): string | null {
  let t = s.trim()
  if (t.length > 500) return null
  for (const prefix of DOI_PREFIXES) {
    if (t.slice(0, prefix.length).toLowerCase() === prefix) t = t.slice(prefix.length).trim()
  }
  if (t.includes('%')) {
    try {
      t = decodeURIComponent(t)
    } catch {
      return null
    }
  }
  t = t.replace(/[.,;:'"]+$/, '')
  while (t.endsWith(')') && count(t, '(') < count(t, ')')) t = t.slice(0, -1).replace(/[.,;:]+$/, '')
  while (t.endsWith(']') && count(t, '[') < count(t, ']')) t = t.slice(0, -1).replace(/[.,;:]+$/, '')
  return /^10\.\d{4,9}\/\S+$/.test(t) ? t.toLowerCase() : null
}

function count(s: string, ch: string): number {
  let n = 0
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++
  return n
}
