// The initiative's partners and sector coverage, and its members, as loadable resources.
import { listMembers, listPartners } from '../../api/endpoints.ts'
import { useResource } from '../../api/useResource.ts'

export function usePartners(initiativeId: string) {
  return useResource((signal) => listPartners(initiativeId, signal), [initiativeId])
}

export function useMembers(initiativeId: string) {
  return useResource((signal) => listMembers(initiativeId, signal).then((a) => a.members), [initiativeId])
}
