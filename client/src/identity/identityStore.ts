// The presence identity: the signed-in person's name (a readable random name for guests on
// public pages) and a colour of their choice, kept in localStorage.
import { useSyncExternalStore } from 'react'
import { USER_COLORS, isUserColor } from './palette.ts'
import { randomName } from './randomName.ts'
import { initialLanguage } from '../i18n/index.ts'
import { getSession, subscribeSession } from '../session/sessionStore.ts'

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

function compute(): Identity {
  const session = getSession()
  const name = session.status === 'signedIn' ? session.user.name.slice(0, MAX_NAME_LENGTH) : stored.name
  return { name, color: stored.color }
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

/** Changes the presence colour. */
export function setIdentityColor(color: string): void {
  if (!isUserColor(color)) return
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
