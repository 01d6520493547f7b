// The client's source maps stay on the server's disk: `*.map` answers 404 unless
// SERVE_SOURCE_MAPS=1 (README, configuration); the rest of the built client is served as before.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readConfigFromEnv } from '@common-ground/server'
import { useCleanup } from './helpers/cleanup.ts'
import { makeTempDir, startTestServer } from './helpers/server.ts'

useCleanup()

/** A built client in miniature: the shell, a bundle and its map. */
async function fakeClient(): Promise<string> {
  const dir = await makeTempDir('cg-static-')
  await mkdir(path.join(dir, 'assets'))
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>shell</title>')
  await writeFile(path.join(dir, 'assets', 'index-abc.js'), 'console.log(1)\n')
  await writeFile(path.join(dir, 'assets', 'index-abc.js.map'), '{"version":3,"sources":["src/secret.ts"],"mappings":""}')
  return dir
}

describe('source maps', () => {
  it('answer 404 by default (not the app shell either); the bundle and the shell are served', async () => {
    const server = await startTestServer({ staticDir: await fakeClient() })
    const map = await fetch(`${server.url}/assets/index-abc.js.map`)
    expect(map.status).toBe(404)
    expect(await map.json()).toEqual({ error: { code: 'not_found', message: 'Not found.' } })
    // A map that does not exist is not the SPA fallback's index.html either.
    expect((await fetch(`${server.url}/assets/missing.js.map`)).status).toBe(404)
    const bundle = await fetch(`${server.url}/assets/index-abc.js`)
    expect(bundle.status).toBe(200)
    expect(await bundle.text()).toBe('console.log(1)\n')
    expect(await (await fetch(`${server.url}/d/some/document`)).text()).toContain('shell')
  })

  it('are served with SERVE_SOURCE_MAPS=1', async () => {
    const server = await startTestServer({ staticDir: await fakeClient(), serveSourceMaps: true })
    const map = await fetch(`${server.url}/assets/index-abc.js.map`)
    expect(map.status).toBe(200)
    expect(await map.text()).toContain('src/secret.ts')
  })

  it('SERVE_SOURCE_MAPS is read from the environment, off unless 1', () => {
    expect(readConfigFromEnv({}, '/repo').serveSourceMaps).toBe(false)
    expect(readConfigFromEnv({ SERVE_SOURCE_MAPS: '0' }, '/repo').serveSourceMaps).toBe(false)
    expect(readConfigFromEnv({ SERVE_SOURCE_MAPS: '1' }, '/repo').serveSourceMaps).toBe(true)
  })
})
