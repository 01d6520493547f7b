// Shared wire constants and rules. Imports neither client nor server code.
export * from './messages.ts'
export * from './closeCodes.ts'
export * from './documentName.ts'
export * from './origins.ts'
