// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      '.local/**',
      'dist/**',
      'coverage/**',
      'node_modules/**',
      'eslint.config.mjs',
      'jest.config.js',
      'apps/*/webpack.config.js',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through the app config file (apps/*/src/config.ts).',
        },
      ],
    },
  },
  {
    // The only places allowed to read the environment: per-app config, the platform config reader, tools and tests.
    files: [
      'apps/*/src/config.ts',
      'libs/platform/src/config/**',
      'tools/**',
      '**/*.spec.ts',
      'test/**',
      'jest.config.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
);
