// Benchmark parameters: the standard run (the default, ≤ 15 min; 10.5 min measured), `--full` (~58 min on a quiet
// 2-core machine: more rounds, longer windows) and `--quick` (a smoke run of every code path in
// ~2 min). The standard and full runs have the same scenarios, servers, sizes and table rows.
import type { FixtureSpec } from './lib/fixtures.ts'

export interface BenchParams {
  mode: 'standard' | 'full' | 'quick'
  /** Load-generator processes (clients are spread over them). */
  workers: number
  /** Connections opened at once while setting a scenario up. */
  connectConcurrency: number
  /** Unmeasured run of the load generators' code paths before the first scenario (JIT warm-up). */
  loadgenWarmupMs: number
  /** (1) one room, one writer, N readers. */
  fanout: {
    readers: number[]
    editsPerSec: number
    /** Warm-up rate (the server's JIT), capped at `warmupFramesPerSec / N` edits/s. */
    warmupEditsPerSec: number
    warmupFramesPerSec: number
    warmupMs: number
    /** The measured window, unless `measureMsByReaders` names one for that N. */
    measureMs: number
    /**
     * Longer windows where a p99 rests on few edits: at N = 10 and 100 three 10 s windows put
     * a p99 on the ~6 slowest of 600 edits, and the ratios' intervals spanned about ±30 %;
     * three 30 s windows still let one slow round move a ratio by 0.2, and at N = 500 a 10 s
     * round's p99 rests on about two edits (docs/performance.md).
     */
    measureMsByReaders: Partial<Record<number, number>>
    /**
     * Rounds: every server runs the whole scenario this many times, servers interleaved and the
     * order rotated each round; latencies are pooled over the rounds. A p99 turns on a handful
     * of machine stalls, and this VM's speed drifts by tens of % over minutes, so one window per
     * server would mostly measure which server met them.
     */
    rounds: number
    /** Unmeasured run of a fresh server's update path (10 readers, warm-up rate) before the first N. */
    serverWarmupMs: number
    /**
     * Pause after that and the interop preflight, before the first N: ours' idle compaction
     * (2 s) and, for every server, the start-up run of V8's memory reducer (three mark-compacts
     * at the first 8 s tick with a low allocation rate once the old generation has grown) fall
     * into it rather than into N=10's window.
     */
    preflightSettleMs: number
  }
  /**
   * (2) many rooms with a writer each. The window is as long as DiskStorage's checkpoint
   * interval (30 s), so that it always holds exactly one checkpoint, as steady typing does.
   */
  rooms: { rooms: number; clientsPerRoom: number; writersPerRoom: number; editsPerSec: number; warmupMs: number; measureMs: number; rounds: number }
  /** (3) idle capacity. */
  idle: { docs: number; connectionsPerDoc: number; content: FixtureSpec; settleMs: number }
  /** (4) cold load of a large document from storage. */
  coldLoad: { doc: FixtureSpec; reps: number }
  /** (5) join storm on a large document. */
  storm: { doc: FixtureSpec; clients: number; timeoutMs: number }
}

export const FULL: BenchParams = {
  mode: 'full',
  workers: 2,
  connectConcurrency: 50,
  loadgenWarmupMs: 5_000,
  fanout: {
    readers: [10, 100, 500],
    editsPerSec: 20,
    warmupEditsPerSec: 100,
    warmupFramesPerSec: 10_000,
    warmupMs: 2_000,
    measureMs: 10_000,
    measureMsByReaders: { 10: 60_000, 100: 60_000, 500: 30_000 },
    rounds: 3,
    serverWarmupMs: 5_000,
    preflightSettleMs: 12_000,
  },
  rooms: { rooms: 100, clientsPerRoom: 10, writersPerRoom: 1, editsPerSec: 5, warmupMs: 2_000, measureMs: 30_000, rounds: 3 },
  idle: {
    docs: 500,
    connectionsPerDoc: 4,
    // ~12 KB encoded, a ~1,100-edit history.
    content: { name: 'idle-content', seed: 'idle', sections: 1, opsPerSection: 1_100 },
    // Long enough for ours' idle compaction (2 s) to run before memory is read.
    settleMs: 3_500,
  },
  coldLoad: { doc: { name: 'cold-load', seed: 'cold-load', sections: 1, opsPerSection: 100_000 }, reps: 5 },
  storm: { doc: { name: 'join-storm', seed: 'join-storm', sections: 5, opsPerSection: 75_000 }, clients: 100, timeoutMs: 240_000 },
}

/**
 * The default: FULL's scenarios, servers, documents and client counts (so the table has the same
 * rows), with one round of (1) and (2) instead of three (the lead-in still runs first), shorter
 * windows in (1), shorter warm-ups and pauses, and three cold joins instead of five. (2)'s window
 * stays 30 s: it holds exactly one of DiskStorage's checkpoints, as in the full run.
 */
export const STANDARD: BenchParams = {
  ...FULL,
  mode: 'standard',
  loadgenWarmupMs: 3_000,
  fanout: {
    ...FULL.fanout,
    warmupMs: 1_500,
    measureMs: 10_000,
    measureMsByReaders: { 10: 15_000, 100: 15_000, 500: 10_000 },
    rounds: 1,
    serverWarmupMs: 3_000,
    preflightSettleMs: 9_000,
  },
  rooms: { ...FULL.rooms, warmupMs: 1_500, rounds: 1 },
  coldLoad: { ...FULL.coldLoad, reps: 3 },
}

export const QUICK: BenchParams = {
  mode: 'quick',
  workers: 2,
  connectConcurrency: 50,
  loadgenWarmupMs: 1_000,
  fanout: {
    readers: [5, 20],
    editsPerSec: 20,
    warmupEditsPerSec: 100,
    warmupFramesPerSec: 10_000,
    warmupMs: 300,
    measureMs: 1_500,
    measureMsByReaders: {},
    rounds: 2,
    serverWarmupMs: 500,
    preflightSettleMs: 500,
  },
  rooms: { rooms: 10, clientsPerRoom: 5, writersPerRoom: 1, editsPerSec: 5, warmupMs: 500, measureMs: 2_000, rounds: 2 },
  idle: { docs: 20, connectionsPerDoc: 4, content: { name: 'idle-content', seed: 'idle', sections: 1, opsPerSection: 1_100 }, settleMs: 500 },
  coldLoad: { doc: { name: 'cold-load-quick', seed: 'cold-load', sections: 1, opsPerSection: 10_000 }, reps: 2 },
  storm: { doc: { name: 'join-storm-quick', seed: 'join-storm', sections: 1, opsPerSection: 10_000 }, clients: 10, timeoutMs: 60_000 },
}

/** The measured window of (1) for N readers. */
export function fanoutWindowMs(p: BenchParams['fanout'], readers: number): number {
  return p.measureMsByReaders[readers] ?? p.measureMs
}
