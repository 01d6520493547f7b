// The initiative's partners and sector coverage, and its members, as loadable resources (several modules show them).
import { listMembers, listPartners } from './endpoints.ts'
import { useResource } from './useResource.ts'

export function usePartners(initiativeId: string) {
  return useResource((signal) => listPartners(initiativeId, signal), [initiativeId])
}

export function useMembers(initiativeId: string) {
  return useResource((signal) => listMembers(initiativeId, signal).then((a) => a.members), [initiativeId])
}
