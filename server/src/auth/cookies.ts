// The session cookie: HttpOnly (scripts cannot read it), SameSite=Lax (not sent on cross-site
// subrequests), Path=/, Secure when the server is configured for HTTPS.
export const SESSION_COOKIE = 'cg_session'
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

export function sessionCookie(sessionId: string, options: { secure: boolean; maxAgeMs?: number }): string {
  const maxAge = Math.floor((options.maxAgeMs ?? SESSION_TTL_MS) / 1000)
  return [`${SESSION_COOKIE}=${sessionId}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAge}`, ...(options.secure ? ['Secure'] : [])].join('; ')
}

export function clearedSessionCookie(options: { secure: boolean }): string {
  return [`${SESSION_COOKIE}=`, 'Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=0', ...(options.secure ? ['Secure'] : [])].join('; ')
}
