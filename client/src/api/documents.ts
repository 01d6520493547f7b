// HTTP client for the document list (GET /api/documents) and a small hook with its states.
import { useCallback, useEffect, useState } from 'react'

export interface DocumentSummary {
  name: string
  created: string
  updated: string
  size: number
}

export async function fetchDocuments(signal?: AbortSignal): Promise<DocumentSummary[]> {
  const response = await fetch('/api/documents', { signal, headers: { accept: 'application/json' } })
  if (!response.ok) throw new Error(`GET /api/documents: ${response.status}`)
  const body = (await response.json()) as { documents?: DocumentSummary[] }
  if (!Array.isArray(body.documents)) throw new Error('GET /api/documents: unexpected body')
  return body.documents
}

export type DocumentsState =
  | { status: 'loading' }
  | { status: 'error' }
  | { status: 'ready'; documents: DocumentSummary[] }

export function useDocuments(): { state: DocumentsState; reload: () => void } {
  const [state, setState] = useState<DocumentsState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    const controller = new AbortController()
    setState({ status: 'loading' })
    fetchDocuments(controller.signal).then(
      (documents) => {
        const sorted = [...documents].sort((a, b) => b.updated.localeCompare(a.updated) || a.name.localeCompare(b.name))
        setState({ status: 'ready', documents: sorted })
      },
      () => {
        if (!controller.signal.aborted) setState({ status: 'error' })
      },
    )
    return () => controller.abort()
  }, [attempt])
  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  return { state, reload }
}
