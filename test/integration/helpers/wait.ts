// Waiting without fixed sleeps: on events where there is one, otherwise by re-checking a cheap
// predicate until it holds (the timeout only bounds a failure, it never paces a success).
import type { EventEmitter } from 'node:events'

export interface WaitOptions {
  timeoutMs?: number
  /** What we were waiting for, for the timeout error. */
  what?: string
  /** Emitters whose events should trigger a re-check right away (polling is the fallback). */
  on?: { emitter: { on(event: string, fn: (...args: any[]) => void): unknown; off(event: string, fn: (...args: any[]) => void): unknown }; event: string }[]
  intervalMs?: number
}

export const DEFAULT_TIMEOUT_MS = 15_000

/** Resolves once `predicate()` is truthy; rejects with a description after the timeout. */
export function waitFor<T>(predicate: () => T | Promise<T>, options: WaitOptions = {}): Promise<NonNullable<T>> {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, what = 'condition', intervalMs = 10 } = options
  return new Promise((resolve, reject) => {
    let settled = false
    let checking = false
    let lastError: unknown = null
    const finish = (fn: () => void) => {
      if (settled) return
      settled = true
      clearInterval(poll)
      clearTimeout(timer)
      for (const { emitter, event } of options.on ?? []) emitter.off(event, check)
      fn()
    }
    const check = async () => {
      if (settled || checking) return
      checking = true
      try {
        const value = await predicate()
        if (value) finish(() => resolve(value as NonNullable<T>))
      } catch (error) {
        lastError = error
      } finally {
        checking = false
      }
    }
    const poll = setInterval(check, intervalMs)
    const timer = setTimeout(
      () => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`))),
      timeoutMs,
    )
    for (const { emitter, event } of options.on ?? []) emitter.on(event, check)
    void check()
  })
}

/** Resolves with the arguments of the next `event` (optionally the next one matching `filter`). */
export function nextEvent<A extends unknown[] = unknown[]>(
  emitter: EventEmitter | { on(event: string, fn: (...args: any[]) => void): unknown; off(event: string, fn: (...args: any[]) => void): unknown },
  event: string,
  options: { timeoutMs?: number; filter?: (...args: A) => boolean } = {},
): Promise<A> {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, filter } = options
  return new Promise((resolve, reject) => {
    const handler = (...args: any[]) => {
      if (filter && !filter(...(args as A))) return
      clearTimeout(timer)
      emitter.off(event, handler)
      resolve(args as A)
    }
    const timer = setTimeout(() => {
      emitter.off(event, handler)
      reject(new Error(`timed out after ${timeoutMs} ms waiting for event ${event}`))
    }, timeoutMs)
    emitter.on(event, handler)
  })
}

/** A promise that rejects if `promise` does not settle in time. */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs)
    }),
  ])
}
