// Lint rules beyond the compiler's: the recommended sets of ESLint and typescript-eslint, and the house invariants a
// rule can see (engines never print; only the action face loads the Actions toolkit — the full import table is
// checked by test/unit/architecture.test.ts).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        queueMicrotask: 'readonly',
        structuredClone: 'readonly',
        performance: 'readonly',
        globalThis: 'readonly',
      },
    },
    rules: {
      eqeqeq: ['error', 'always'],
      // Control characters are matched on purpose (terminal sequences, names a hostile source sends).
      'no-control-regex': 'off',
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  // Only the faces and the tooling around them write to the console.
  { files: ['src/cli/**', 'src/action/**', 'src/main.ts', 'test/**', '*.js', '*.mjs'], rules: { 'no-console': 'off' } },
);
