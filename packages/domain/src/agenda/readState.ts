// What the read model keeps for an agenda document (the agenda deriver's state, plain JSON):
// its records with provenance and the version history of each indicator's definition. The
// server's agenda module produces it; other modules (measurement, later the activity map and
// meetings) read it from the read model by the agenda's document name.
import type { GlossaryRecordView, GoalRecordView, IndicatorRecordView, IndicatorVersion } from '../api/agenda.ts'

export interface AgendaReadState {
  goals: GoalRecordView[]
  indicators: IndicatorRecordView[]
  glossary: GlossaryRecordView[]
  /** Indicator id → its definition versions, oldest first (the last is the current one). */
  versions: Record<string, IndicatorVersion[]>
  /** When and by whom the agenda last changed (null: never). */
  updatedAt: string | null
}
