// Shared by the reliability suite: where the repository is, how long to run, and reproducible randomness.
import { appendFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

/** `npm run test:long` sets this: full-size inputs and many more crash rounds. */
export const LONG = process.env.PAPERSHELF_LONG === '1'

/** Picks the short or the long figure. */
export const sized = <T>(short: T, long: T): T => (LONG ? long : short)

/**
 * The seed of this run's random choices: PAPERSHELF_SEED replays a failing run exactly; otherwise a new
 * one each run, printed so a failure can be replayed.
 */
export function runSeed(label: string): number {
  const given = Number(process.env.PAPERSHELF_SEED)
  const seed = Number.isInteger(given) && given > 0 ? given : Math.floor(Math.random() * 2 ** 31) + 1
  console.log(`${label}: seed ${seed} (replay with PAPERSHELF_SEED=${seed})`)
  return seed
}

/** mulberry32: small, fast, and good enough to pick delays and sizes. */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Figures for docs/reliability.md: scripts/test-long.mjs sets PAPERSHELF_STATS to a file and sums what
 * every test appends to it. Outside that script this does nothing.
 */
export function recordFigures(suite: string, figures: Record<string, number>): void {
  const file = process.env.PAPERSHELF_STATS
  if (file) appendFileSync(file, JSON.stringify({ suite, ...figures }) + '\n')
}
