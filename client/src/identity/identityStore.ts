// The local user's name and colour (no accounts yet): kept in localStorage, read via a hook.
import { useSyncExternalStore } from 'react'
import { USER_COLORS, isUserColor } from './palette.ts'
import { randomName } from './randomName.ts'
import { initialLanguage } from '../i18n/index.ts'

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

let current: Identity = load()

window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY) return
  current = load()
  for (const listener of listeners) listener()
})

export function getIdentity(): Identity {
  return current
}

/** Updates the name and/or colour. A blank name is kept as typed in the field but not saved. */
export function updateIdentity(patch: Partial<Identity>): void {
  const next: Identity = {
    name: patch.name !== undefined ? patch.name.slice(0, MAX_NAME_LENGTH) : current.name,
    color: patch.color !== undefined && isUserColor(patch.color) ? patch.color : current.color,
  }
  if (!next.name.trim()) return
  current = next
  save(current)
  for (const listener of listeners) listener()
}

export function subscribeIdentity(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useIdentity(): Identity {
  return useSyncExternalStore(subscribeIdentity, getIdentity)
}
