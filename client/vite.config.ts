// Vite build and dev-server config: React, /api + /sync proxy to the sync server, service worker.
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { serviceWorkerPlugin } from './vite/serviceWorkerPlugin.ts'

const target = `http://127.0.0.1:${process.env.PORT ?? 3000}`

export default defineConfig(({ command }) => ({
  plugins: [react(), serviceWorkerPlugin()],
  // The service worker exists only in builds (whatever NODE_ENV says).
  define: { __SERVICE_WORKER__: JSON.stringify(command === 'build') },
  // Hidden source maps: written next to the bundles for debugging, not referenced from them
  // (the server answers 404 for them unless SERVE_SOURCE_MAPS=1).
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: 'hidden', chunkSizeWarningLimit: 600 },
  server: {
    proxy: {
      '/api': { target, changeOrigin: true },
      '/sync': { target, ws: true, changeOrigin: true },
    },
  },
}))
