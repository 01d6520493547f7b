// The presence identity: the signed-in person's name and colour — the colour they chose, kept
// with their account (PATCH /api/me), else one derived from their id, so it is the same in every
// session and browser — or, for guests on public pages, a readable random name and a colour kept
// in localStorage.
import { useSyncExternalStore } from 'react'
import { USER_COLORS, isUserColor } from './palette.ts'
import { randomName } from './randomName.ts'
import { initialLanguage } from '../i18n/index.ts'
import { api } from '../api/http.ts'
import { getSession, refreshSession, subscribeSession } from '../session/sessionStore.ts'

export interface Identity {
  name: string
  color: string
}

const STORAGE_KEY = 'cg.identity'
export const MAX_NAME_LENGTH = 40
const listeners = new Set<() => void>()

function load(): Identity {
  try {
    const raw = localStorage.getItem(STORAGE_KEY)
    if (raw) {
      const parsed = JSON.parse(raw) as Partial<Identity>
      if (typeof parsed.name === 'string' && parsed.name.trim() && isUserColor(parsed.color)) {
        return { name: parsed.name.slice(0, MAX_NAME_LENGTH), color: parsed.color }
      }
    }
  } catch {
    // corrupt or unavailable storage: make a fresh identity
  }
  const fresh = { name: randomName(initialLanguage()), color: USER_COLORS[Math.floor(Math.random() * USER_COLORS.length)] }
  save(fresh)
  return fresh
}

function save(identity: Identity): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(identity))
  } catch {
    // kept in memory only
  }
}

/** The stored guest name and colour. */
let stored: Identity = load()
let current: Identity = compute()

/** A signed-in person's colour until they choose one: the same for their id everywhere. */
export function accountColor(userId: string): string {
  let hash = 0
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0
  return USER_COLORS[hash % USER_COLORS.length]!
}

/** A colour chosen while signed in, shown at once (before the server has it). */
let chosen: { userId: string; color: string } | null = null

function compute(): Identity {
  const session = getSession()
  if (session.status !== 'signedIn') return { name: stored.name, color: stored.color }
  const { user } = session
  const color = chosen?.userId === user.id ? chosen.color : isUserColor(user.color) ? user.color : accountColor(user.id)
  return { name: user.name.slice(0, MAX_NAME_LENGTH), color }
}

function update(): void {
  const next = compute()
  if (next.name === current.name && next.color === current.color) return
  current = next
  for (const listener of listeners) listener()
}

subscribeSession(update)

window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY) return
  stored = load()
  update()
})

export function getIdentity(): Identity {
  return current
}

/** Changes the presence colour: kept with the account when signed in, in this browser for a guest. */
export function setIdentityColor(color: string): void {
  if (!isUserColor(color)) return
  const session = getSession()
  if (session.status === 'signedIn') {
    chosen = { userId: session.user.id, color }
    update()
    void api('PATCH', '/api/me', { body: { color } })
      .then(() => refreshSession())
      .catch(() => undefined)
      .finally(() => {
        if (chosen?.color === color) chosen = null
        update()
      })
    return
  }
  stored = { ...stored, color }
  save(stored)
  update()
}

export function subscribeIdentity(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useIdentity(): Identity {
  return useSyncExternalStore(subscribeIdentity, getIdentity)
}
