import { ConfigError } from './config-error';
import { defineConfig } from './define-config';
import { describeConfig } from './describe-config';
import { loadConfig, type ConfigIo } from './load-config';
import { hostPortList, httpUrl, postgresUrlWithoutPassword, tcpPort } from './parsers';
import { Secret } from './secret';
import { envVar } from './variable';

const spec = defineConfig({
  brokers: envVar.required({
    env: 'KAFKA_BROKERS',
    schema: hostPortList,
    description: 'comma-separated host:port list',
  }),
  registry: envVar.required({
    env: 'SCHEMA_REGISTRY_URL',
    schema: httpUrl,
    description: 'registry URL',
  }),
  database: envVar.optional({
    env: 'DATABASE_URL',
    schema: postgresUrlWithoutPassword,
    description: 'postgres URL',
  }),
  port: envVar.withDefault({
    env: 'PORT',
    default: '3000',
    schema: tcpPort,
    description: 'HTTP port',
  }),
  password: envVar.optionalSecret({ env: 'DATABASE_PASSWORD', description: 'Postgres password' }),
});

const valid = {
  KAFKA_BROKERS: 'a:9092, b:9093',
  SCHEMA_REGISTRY_URL: 'http://registry:8081/apis/ccompat/v7/',
};

const noFiles: ConfigIo = {
  readFile: (path) => {
    throw new Error(`ENOENT: no such file or directory, open '${path}'`);
  },
};

function problemsOf(env: Record<string, string>, io: ConfigIo = noFiles): readonly string[] {
  try {
    loadConfig(spec, env, io);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('returns typed values, applying defaults and normalising lists and URLs', () => {
    const config = loadConfig(spec, valid, noFiles);
    expect(config).toEqual({
      brokers: ['a:9092', 'b:9093'],
      registry: 'http://registry:8081/apis/ccompat/v7',
      database: undefined,
      port: 3000,
      password: undefined,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every missing required variable with what it expects, not only the first', () => {
    expect(problemsOf({})).toEqual([
      'KAFKA_BROKERS is required: comma-separated host:port list',
      'SCHEMA_REGISTRY_URL is required: registry URL',
    ]);
  });

  it('treats an empty value as unset', () => {
    expect(problemsOf({ ...valid, KAFKA_BROKERS: '  ' })).toEqual([
      'KAFKA_BROKERS is required: comma-separated host:port list',
    ]);
  });

  it('rejects a bad value, echoing it with the reason and the expectation', () => {
    expect(problemsOf({ ...valid, KAFKA_BROKERS: 'kafka', PORT: '70000' })).toEqual([
      'KAFKA_BROKERS="kafka" is invalid (each entry must be host:port): comma-separated host:port list',
      'PORT="70000" is invalid (must be at most 65535): HTTP port',
    ]);
  });

  it('never echoes a password embedded in a rejected URL', () => {
    const [problem] = problemsOf({
      ...valid,
      DATABASE_URL: 'postgres://collect:hunter2@db/collect',
    });
    expect(problem).toContain(
      'DATABASE_URL="postgres://collect:***@db/collect" is invalid (must not contain a password',
    );
    expect(problem).not.toContain('hunter2');
  });

  it('reads a secret from <NAME>_FILE, trimming the trailing newline', () => {
    const io: ConfigIo = { readFile: (path) => (path === '/run/secrets/db' ? 's3cret\n' : '') };
    const config = loadConfig(spec, { ...valid, DATABASE_PASSWORD_FILE: '/run/secrets/db' }, io);
    expect(config.password).toBeInstanceOf(Secret);
    expect(config.password?.reveal()).toBe('s3cret');
  });

  it('reads a secret given directly', () => {
    expect(
      loadConfig(spec, { ...valid, DATABASE_PASSWORD: 'direct' }, noFiles).password?.reveal(),
    ).toBe('direct');
  });

  it('reports an unreadable <NAME>_FILE by name', () => {
    expect(problemsOf({ ...valid, DATABASE_PASSWORD_FILE: '/missing' })).toEqual([
      `DATABASE_PASSWORD_FILE="/missing" cannot be read (ENOENT: no such file or directory, open '/missing'): Postgres password`,
    ]);
  });

  it('refuses a secret set both directly and as a file', () => {
    expect(
      problemsOf({ ...valid, DATABASE_PASSWORD: 'x', DATABASE_PASSWORD_FILE: '/run/secrets/db' }),
    ).toEqual(['DATABASE_PASSWORD and DATABASE_PASSWORD_FILE are both set: set only one of them']);
  });

  it('ignores <NAME>_FILE for variables that are not secrets', () => {
    expect(problemsOf({ KAFKA_BROKERS_FILE: '/x', SCHEMA_REGISTRY_URL: 'http://r' })).toEqual([
      'KAFKA_BROKERS is required: comma-separated host:port list',
    ]);
  });
});

describe('defineConfig', () => {
  it('refuses the same variable declared twice', () => {
    expect(() =>
      defineConfig({
        a: envVar.required({ env: 'PORT', schema: tcpPort, description: 'x' }),
        b: envVar.required({ env: 'PORT', schema: tcpPort, description: 'y' }),
      }),
    ).toThrow('PORT is declared twice');
  });
});

describe('describeConfig', () => {
  it('lists every variable with its default and description, secrets with their _FILE form', () => {
    expect(describeConfig(spec)).toEqual([
      {
        name: 'KAFKA_BROKERS',
        required: true,
        default: undefined,
        secret: false,
        description: 'comma-separated host:port list',
      },
      {
        name: 'SCHEMA_REGISTRY_URL',
        required: true,
        default: undefined,
        secret: false,
        description: 'registry URL',
      },
      {
        name: 'DATABASE_URL',
        required: false,
        default: undefined,
        secret: false,
        description: 'postgres URL',
      },
      { name: 'PORT', required: false, default: '3000', secret: false, description: 'HTTP port' },
      {
        name: 'DATABASE_PASSWORD (or DATABASE_PASSWORD_FILE)',
        required: false,
        default: undefined,
        secret: true,
        description: 'Postgres password',
      },
    ]);
  });
});
