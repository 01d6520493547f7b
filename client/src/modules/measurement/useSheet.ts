// The measurement sheet document (`i/<id>/measurements`) opened like every document (y-websocket,
// IndexedDB, offline), its cells checked with the shared implementation (checkMeasurement) and
// kept current as local and remote edits arrive; writes go through the domain's writeCell.
import { useCallback, useEffect, useMemo, useState } from 'react'
import * as Y from 'yjs'
import {
  SHEET_CELLS,
  checkMeasurement,
  measurementsDocumentName,
  writeCell,
  type CellCoordinates,
  type IndicatorDefinition,
  type MeasurementRecord,
  type SheetContext,
} from '@common-ground/domain'
import { documentCacheKey } from '../../session/localData.ts'
import { useSession } from '../../session/sessionStore.ts'
import { useDocumentSession, useSessionSnapshot } from '../../sync/useDocumentSession.ts'

export type CellFields = Parameters<typeof writeCell>[2]

/** The local origin of the grid's writes. */
const GRID_ORIGIN = 'measurement-grid'

export function useSheet(initiativeId: string, indicators: readonly IndicatorDefinition[], partnerIds: readonly string[]) {
  const sessionState = useSession()
  const userId = sessionState.status === 'signedIn' ? sessionState.user.id : null
  const documentName = measurementsDocumentName(initiativeId)
  const session = useDocumentSession(documentName, documentCacheKey(userId, documentName))
  const snapshot = useSessionSnapshot(session)
  const [revision, setRevision] = useState(0)

  useEffect(() => {
    if (!session) return
    const cells = session.doc.getMap<Y.Map<unknown>>(SHEET_CELLS)
    const bump = () => setRevision((n) => n + 1)
    cells.observeDeep(bump)
    bump()
    return () => cells.unobserveDeep(bump)
  }, [session])

  const context = useMemo<SheetContext>(() => ({ indicators: new Map(indicators.map((i) => [i.id, i])), partnerIds }), [indicators, partnerIds])

  const records = useMemo(() => {
    const map = new Map<string, MeasurementRecord>()
    if (!session) return map
    for (const [key, cell] of session.doc.getMap<unknown>(SHEET_CELLS).entries()) {
      const raw = cell instanceof Y.Map ? (cell.toJSON() as Record<string, unknown>) : { value: cell }
      map.set(key, checkMeasurement(key, raw, context))
    }
    return map
    // `revision` changes whenever the cells do.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, context, revision])

  const write = useCallback(
    (changes: readonly { at: CellCoordinates; fields: CellFields }[]) => {
      if (!session || changes.length === 0) return
      session.doc.transact(() => {
        for (const change of changes) writeCell(session.doc, change.at, change.fields, GRID_ORIGIN)
      }, GRID_ORIGIN)
    },
    [session],
  )

  return { documentName, session, snapshot, records, revision, write }
}

export type Sheet = ReturnType<typeof useSheet>
