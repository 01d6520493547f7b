// What the domain benchmarks' orchestrator and their server launcher (launcher.ts) say to each other:
// the launcher's config, its announcement on stdout, and the IPC commands with their answers.

export interface DomainLauncherConfig {
  dataDir: string
}

/** What the launcher prints on stdout once it listens. */
export interface DomainAnnouncement {
  url: string
  syncUrl: string
  /** Milliseconds from process start to listening (the read-model rebuild is part of it). */
  startMs: number
  /** What DerivationEngine.rebuild logged at start. */
  rebuild: { derived: number; kept: number; ms: number } | null
}

export const DOMAIN_ANNOUNCE_PREFIX = 'BENCH_DOMAIN '

/** One derivation pass of a watched document, as the probe saw it. */
export interface PassTiming {
  seq: number
  /** Wall clock (performance.timeOrigin + now, ms) when the read model held the new state. */
  at: number
  cpuUs: number
  wallMs: number
  /** The indicator's name in the derived state, when the watch named an indicator. */
  name?: string | null
}

export type DomainCommand =
  | { cmd: 'waitSeq'; name: string; above: number; indicatorId?: string; timeoutMs?: number }
  | { cmd: 'seq'; name: string }
  | { cmd: 'cpu' }
  | { cmd: 'stop' }
  | { cmd: 'advanceClock'; ms: number }
