// Spinner and Loading: an animated ring; Loading adds a visible, announced message.
export function Spinner({ size = 20 }: { size?: number }) {
  return (
    <svg className="spinner" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true">
      <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeOpacity="0.2" strokeWidth="3" />
      <path d="M21 12a9 9 0 0 0-9-9" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  )
}

export function Loading({ label }: { label: string }) {
  return (
    <div className="state state--loading" role="status">
      <Spinner size={24} />
      <p className="state__description">{label}</p>
    </div>
  )
}
