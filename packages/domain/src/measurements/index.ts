// Measurements: the measurement sheet's schema, its cell checks and derivation, approval fingerprints.
export * from './sheet.ts'
export * from './guard.ts'
