// ESLint flat config for the whole workspace: the dependency directions of docs/ARCHITECTURE.md
// enforced by resolved path (import-x/no-restricted-paths) and by package name (no-restricted-imports),
// feature modules kept apart, no import cycles, React's hook rules, and typescript-eslint's
// recommended non-type-aware set. Rules and how to add a module: docs/development.md.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'eslint/config'
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import { importX } from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'

const root = path.dirname(fileURLToPath(import.meta.url))

// The folders that hold one feature module each. A module is a direct sub-folder; a new one is
// covered by the next lint run without touching this file.
const MODULE_ROOTS = ['client/src/modules', 'server/src/modules']

/** Zones: a file in `<root>/<a>/` imports nothing from `<root>/<b>/` for any other module `b`. */
function moduleZones() {
  const zones = []
  for (const moduleRoot of MODULE_ROOTS) {
    const dir = path.join(root, moduleRoot)
    if (!fs.existsSync(dir)) continue // no modules there yet
    const entries = fs.readdirSync(dir, { withFileTypes: true })
    const modules = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name)
    for (const name of modules) {
      const others = modules.filter((other) => other !== name).map((other) => `./${moduleRoot}/${other}`)
      if (others.length === 0) continue
      zones.push({
        target: `./${moduleRoot}/${name}`,
        from: others,
        message: 'A feature module never imports another module: share through @common-ground/domain, wire them together in the composition root.',
      })
    }
  }
  return zones
}

// The dependency directions, by resolved file path (relative paths and workspace packages alike).
const PATH_ZONES = [
  {
    target: './packages',
    from: ['./client', './server', './test'],
    message: 'packages/* import neither client/, server/ nor test/ (docs/ARCHITECTURE.md).',
  },
  {
    target: './packages/protocol',
    from: './packages',
    except: ['./protocol'],
    message: 'packages/protocol is wire constants and imports no other package of ours (domain may import protocol).',
  },
  { target: './client', from: ['./server', './test'], message: 'The client never imports server or test code; share through packages/*.' },
  { target: './server', from: ['./client', './test'], message: 'The server never imports client or test code; share through packages/*.' },
  ...moduleZones(),
]

// The same directions by package name: an import of a workspace package that is not a dependency
// does not resolve, so the path zones alone would let it through (tsc may not see it either).
const noPackages = (names, why) => ['error', { patterns: [{ group: names.flatMap((name) => [name, `${name}/*`]), message: why }] }]
const SERVER_AND_CLIENT = ['@common-ground/server', '@common-ground/client', '@common-ground/test']

export default defineConfig(
  {
    // Build output, data and generated files (the same as .gitignore and .prettierignore).
    ignores: ['**/dist/**', '**/node_modules/**', 'test/bench/results/**', 'test/bench/.build/**', 'test-results/**', '**/coverage/**', 'data/**', '.data/**'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { 'import-x': importX },
    settings: {
      // Without these, import-x parses only .js files to follow imports and no-cycle sees no TypeScript graph.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          noWarnOnMultipleProjects: true,
          project: ['client/tsconfig.json', 'client/tsconfig.node.json', 'server/tsconfig.json', 'packages/*/tsconfig.json', 'test/tsconfig.json'],
        }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: PATH_ZONES }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['packages/**'],
    rules: { 'no-restricted-imports': noPackages(SERVER_AND_CLIENT, 'packages/* import neither client/ nor server/.') },
  },
  {
    files: ['packages/protocol/**'],
    rules: {
      'no-restricted-imports': noPackages([...SERVER_AND_CLIENT, '@common-ground/domain'], 'packages/protocol imports no other package of ours.'),
    },
  },
  {
    files: ['client/**'],
    rules: { 'no-restricted-imports': noPackages(['@common-ground/server', '@common-ground/test'], 'The client never imports server code.') },
  },
  {
    files: ['server/**'],
    rules: { 'no-restricted-imports': noPackages(['@common-ground/client', '@common-ground/test'], 'The server never imports client code.') },
  },
  {
    files: ['client/src/**'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['client/sw/**'],
    // __PRECACHE__ and __VERSION__ are replaced by the build (client/vite) before the worker ships.
    languageOptions: { globals: { ...globals.serviceworker, __PRECACHE__: 'readonly', __VERSION__: 'readonly' } },
  },
  {
    // Today's style: `_name` marks a parameter kept for its position; tests may use `any` for wire payloads.
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }] },
  },
  {
    files: ['test/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['server/**', 'test/**', 'scripts/**', 'client/vite/**', 'client/vite.config.ts', '*.js', '*.ts'],
    languageOptions: { globals: globals.node },
  },
)
