// Build plugin: emits dist/sw.js from sw/sw.template.js with the list of files to precache.
import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import type { Plugin } from 'vite'

const TEMPLATE = new URL('../sw/sw.template.js', import.meta.url)

export function serviceWorkerPlugin(): Plugin {
  return {
    name: 'common-ground-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((file) => !file.endsWith('.map'))
      // The workbook reader (exceljs, ~1 MB) is loaded only when someone imports an .xlsx file: not precached.
      const precache = ['/', '/favicon.svg', ...files.filter((f) => f !== 'index.html' && !/exceljs/i.test(f)).map((f) => `/${f}`)]
      const version = createHash('sha256').update(files.sort().join('\n')).digest('hex').slice(0, 12)
      const source = readFileSync(TEMPLATE, 'utf8').replace('__PRECACHE__', JSON.stringify(precache)).replace('__VERSION__', JSON.stringify(version))
      this.emitFile({ type: 'asset', fileName: 'sw.js', source })
    },
  }
}
