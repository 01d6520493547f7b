// Who is here: the awareness states that carry a user, as a stable, sorted list.
import type { Awareness } from 'y-protocols/awareness'

export interface Peer {
  clientId: number
  name: string
  color: string
  self: boolean
}

export function peersOf(awareness: Awareness): Peer[] {
  const peers: Peer[] = []
  for (const [clientId, state] of awareness.getStates()) {
    const user = (state as { user?: { name?: unknown; color?: unknown } } | null)?.user
    if (!user || typeof user.name !== 'string') continue
    peers.push({
      clientId,
      name: user.name,
      color: typeof user.color === 'string' ? user.color : '#4d5761',
      self: clientId === awareness.clientID,
    })
  }
  return peers.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name) || a.clientId - b.clientId)
}

export function samePeers(a: Peer[], b: Peer[]): boolean {
  return a.length === b.length && a.every((p, i) => p.clientId === b[i].clientId && p.name === b[i].name && p.color === b[i].color)
}
