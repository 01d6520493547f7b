// Resources a test opened (servers, processes, clients, temp dirs), released after each test
// in reverse order of creation. Each test file calls `afterEach(releaseAll)` (see setup below).
import { afterEach } from 'vitest'

type Release = () => unknown | Promise<unknown>
const stack: { label: string; release: Release }[] = []

/** Registers a release function; returns a function that runs it early (and only once). */
export function defer(label: string, release: Release): () => Promise<void> {
  let done = false
  const entry = {
    label,
    release: async () => {
      if (done) return
      done = true
      await release()
    },
  }
  stack.push(entry)
  return async () => {
    const i = stack.indexOf(entry)
    if (i >= 0) stack.splice(i, 1)
    await entry.release()
  }
}

export async function releaseAll(): Promise<void> {
  const errors: unknown[] = []
  while (stack.length > 0) {
    const entry = stack.pop()!
    try {
      await entry.release()
    } catch (error) {
      errors.push(new Error(`cleanup of ${entry.label} failed: ${String(error)}`, { cause: error }))
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, 'cleanup failed')
}

/** Installs the afterEach hook in the calling test file. */
export function useCleanup(): void {
  afterEach(releaseAll)
}
