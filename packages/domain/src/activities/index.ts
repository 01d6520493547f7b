// The activity map: its Yjs schema, the checks and derivation of its entries, the partner write
// guard, and the coordination check.
export * from './map.ts'
export * from './tokens.ts'
export * from './coordination.ts'
export * from './guard.ts'
