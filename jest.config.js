// Three tiers, selected by file suffix (see ../shared/STYLE.md rule 5):
//   unit  *.unit.spec.ts  no I/O, runs in parallel
//   int   *.int.spec.ts   real Kafka, Postgres and schema registry (started by test/global-setup.ts)
//   e2e   *.e2e.spec.ts   whole apps as processes, over HTTP
const swc = [
  '@swc/jest',
  {
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
  },
];
const moduleNameMapper = {
  '^@collect/(events|platform|kafka|database|integrations|connector-runtime|service-infrastructure)$':
    '<rootDir>/libs/$1/src',
};
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(ts|js)$': swc },
  // ESM-only dependencies are compiled to CommonJS for Jest (Node itself loads them with require(esm)).
  transformIgnorePatterns: ['/node_modules/(?!@marcbachmann/cel-js/)'],
  moduleNameMapper,
  moduleFileExtensions: ['ts', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/.local/', '/dist/'],
  modulePathIgnorePatterns: ['<rootDir>/.local/', '<rootDir>/dist/'],
};
const withStack = {
  ...common,
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.unit.spec.ts'],
    },
    {
      ...withStack,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs,tools,test}/**/*.int.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/timeouts.int.ts'],
    },
    {
      ...withStack,
      displayName: 'e2e',
      testMatch: ['<rootDir>/{apps,libs,tools,test}/**/*.e2e.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/timeouts.e2e.ts'],
    },
  ],
};
