// The user colours: each one carries white text at ≥ 4.5:1 (caret labels, avatars).
export const USER_COLORS = ['#3538cd', '#b42318', '#027a48', '#026aa2', '#6941c6', '#c11574', '#0e7090', '#b54708', '#4d5761'] as const

export function isUserColor(value: unknown): value is string {
  return typeof value === 'string' && (USER_COLORS as readonly string[]).includes(value)
}
