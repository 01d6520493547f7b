// The domain shared by client and server. No DOM, no Node; yjs is a peer dependency.
export * from './roles.ts'
export * from './actions.ts'
export * from './documents/access.ts'
export * from './documents/kinds.ts'
export * from './api/index.ts'
export * from './indicators/index.ts'
export * from './agenda/index.ts'
export * from './measurements/index.ts'
