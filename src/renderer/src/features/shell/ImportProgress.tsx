import { cancelImport, useStore } from '../../stores/store'

const PHASE: Record<string, string> = { queued: 'Waiting', parsing: 'Reading', writing: 'Saving' }

export function ImportProgress() {
  const imports = useStore((s) => s.imports)
  if (!imports.length) return null
  return (
    <div className="imports" role="status" aria-live="polite">
      {imports.map((job) => (
        <div key={job.id} className="import-job">
          <div className="import-line">
            <span className="import-name">
              {PHASE[job.phase] ?? 'Importing'} {job.name}
              {job.total > 0 && ` · ${job.done.toLocaleString()} of ${job.total.toLocaleString()}`}
            </span>
            <button
              type="button"
              onClick={() => void cancelImport(job.id)}
              aria-label={`Cancel import of ${job.name}`}
            >
              Cancel
            </button>
          </div>
          <progress
            max={job.total || 1}
            value={job.total ? job.done : undefined}
            aria-label={`Import progress of ${job.name}`}
          />
        </div>
      ))}
    </div>
  )
}
