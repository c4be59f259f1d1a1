import { useRef } from 'react'

interface Props {
  label: string
  value: number
  min: number
  max: number
  onChange: (value: number) => void
  /** Called once a drag or key press ends, to remember the size. */
  onCommit: (value: number) => void
}

/** A draggable, keyboard-operable divider between two panes. */
export function Splitter({ label, value, min, max, onChange, onCommit }: Props) {
  const start = useRef<{ x: number; value: number } | null>(null)
  const clamp = (v: number): number => Math.round(Math.min(max, Math.max(min, v)))
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId)
        start.current = { x: e.clientX, value }
      }}
      onPointerMove={(e) => {
        if (start.current) onChange(clamp(start.current.value + e.clientX - start.current.x))
      }}
      onPointerUp={(e) => {
        if (!start.current) return
        const v = clamp(start.current.value + e.clientX - start.current.x)
        start.current = null
        onCommit(v)
      }}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 48 : 16
        const v =
          e.key === 'ArrowLeft' ? clamp(value - step) : e.key === 'ArrowRight' ? clamp(value + step) : null
        if (v !== null) {
          e.preventDefault()
          e.stopPropagation()
          onChange(v)
          onCommit(v)
        }
      }}
    />
  )
}
