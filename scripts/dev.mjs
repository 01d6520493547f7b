// Development mode: the server on PORT (default 3000) and Vite on 5173 proxying to it.
import { spawn } from 'node:child_process'

// Vite's proxy keeps the browser's Origin (the Vite page), so the server must allow it.
const devOrigins = 'http://127.0.0.1:5173,http://localhost:5173'
const env = {
  ...process.env,
  PORT: process.env.PORT ?? '3000',
  STATIC_DIR: '',
  ALLOWED_ORIGINS: [process.env.ALLOWED_ORIGINS, devOrigins].filter(Boolean).join(','),
}
const children = [
  spawn('pnpm', ['--filter', '@common-ground/server', 'dev'], { stdio: 'inherit', env }),
  spawn('pnpm', ['--filter', '@common-ground/client', 'dev', '--host', '127.0.0.1', '--port', '5173'], { stdio: 'inherit', env }),
]
const stop = () => {
  for (const child of children) child.kill('SIGTERM')
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
for (const child of children) child.on('exit', stop)
