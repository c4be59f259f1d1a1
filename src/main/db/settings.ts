import { SETTINGS_DEFAULTS, settingsSchema, type Settings } from '../../shared/api'
import type { Db } from './connection'

export function getSettings(db: Db): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as Array<{ key: string; value: string }>
  const stored: Record<string, unknown> = {}
  for (const r of rows) {
    try {
      stored[r.key] = JSON.parse(r.value)
    } catch {
      // A value we cannot read falls back to its default below.
    }
  }
  // Values that no longer fit the schema (an older version's) fall back to defaults one by one.
  const out: Record<string, unknown> = { ...SETTINGS_DEFAULTS }
  for (const key of Object.keys(SETTINGS_DEFAULTS)) {
    const one = settingsSchema.shape[key as keyof Settings].safeParse(stored[key])
    if (one.success && stored[key] !== undefined) out[key] = one.data
  }
  return out as Settings
}

export function updateSettings(db: Db, patch: Partial<Settings>): Settings {
  const put = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'
  )
  db.transaction(() => {
    for (const [key, value] of Object.entries(patch))
      if (value !== undefined) put.run(key, JSON.stringify(value))
  })()
  return getSettings(db)
}

/** A value kept for the app itself (window bounds), outside the user-facing settings schema. */
export function getSetting(db: Db, key: string): unknown {
  const raw = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined
  try {
    return raw === undefined ? undefined : JSON.parse(raw)
  } catch {
    return undefined
  }
}

export function setSetting(db: Db, key: string, value: unknown): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'
  ).run(key, JSON.stringify(value))
}
