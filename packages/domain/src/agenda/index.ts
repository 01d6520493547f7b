// The common agenda: its structured blocks, their checks, the derivation and glossary matching.
export * from './blocks.ts'
export * from './derive.ts'
export * from './glossary.ts'
export * from './readState.ts'
export * from './template.ts'
