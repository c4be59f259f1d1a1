// Percentiles, ratios and the little timing helpers every benchmark shares.

export interface Summary {
  n: number
  p50: number
  p95: number
  min: number
  max: number
}

/** Linear interpolation between closest ranks (numpy's default), so small samples stay meaningful. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN
  const at = (sorted.length - 1) * p
  const lo = Math.floor(at)
  const hi = Math.ceil(at)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo)
}

export function summarise(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    min: sorted[0] ?? NaN,
    max: sorted.at(-1) ?? NaN
  }
}

/** A measured thing and its baseline, as the ratio of their p50s and of their p95s. */
export interface Ratio {
  /** Milliseconds (or whatever unit the pair shares). */
  subject: Summary
  baseline: Summary
  p50: number
  p95: number
}

export function ratio(subject: readonly number[], baseline: readonly number[]): Ratio {
  const s = summarise(subject)
  const b = summarise(baseline)
  return { subject: s, baseline: b, p50: s.p50 / b.p50, p95: s.p95 / b.p95 }
}

export function now(): number {
  return performance.now()
}

/** Runs fn and returns how long it took in milliseconds. */
export function time(fn: () => unknown): number {
  const t = performance.now()
  fn()
  return performance.now() - t
}

export interface PairOptions {
  /** Untimed rounds first (caches, statement preparation, JIT). */
  warmup?: number
  /** Stop early once this much time is spent, after at least `min` rounds: slow cases get fewer runs. */
  budgetMs?: number
  min?: number
}

/**
 * Runs the subject and its baseline up to `runs` times each, alternating which goes first, so drift in
 * the machine (page cache, CPU frequency, a neighbour's load) lands on both sides equally.
 */
export function paired(
  runs: number,
  subject: () => unknown,
  baseline: () => unknown,
  { warmup = 2, budgetMs = Infinity, min = 5 }: PairOptions = {}
): { subject: number[]; baseline: number[] } {
  for (let i = 0; i < warmup; i++) {
    subject()
    baseline()
  }
  const s: number[] = []
  const b: number[] = []
  const start = performance.now()
  for (let i = 0; i < runs && (i < min || performance.now() - start < budgetMs); i++) {
    if (i % 2 === 0) {
      s.push(time(subject))
      b.push(time(baseline))
    } else {
      b.push(time(baseline))
      s.push(time(subject))
    }
  }
  return { subject: s, baseline: b }
}

export function gc(): void {
  ;(globalThis as { gc?: () => void }).gc?.()
}

export function round(v: number, digits = 2): number {
  if (!Number.isFinite(v)) return v
  const f = 10 ** digits
  return Math.round(v * f) / f
}

/** Progress goes to stderr so that `--json` keeps stdout to exactly one JSON document. */
export function log(message: string): void {
  process.stderr.write(`${message}\n`)
}
