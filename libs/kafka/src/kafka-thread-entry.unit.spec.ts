import { Worker } from 'node:worker_threads';
import { kafkaThreadExecArgv } from './kafka-thread-entry';

const quietTimers = '--disable-warning=TimeoutNegativeWarning';

describe('the flags a Kafka worker thread takes from its process', () => {
  it('keeps preloads, warnings and source maps, and silences kafkajs timer warnings once', () => {
    expect(
      kafkaThreadExecArgv(['-r', '@swc-node/register', quietTimers, '--enable-source-maps']),
    ).toEqual(['-r', '@swc-node/register', quietTimers, '--enable-source-maps']);
    expect(kafkaThreadExecArgv(['--require=./otel.js'])).toEqual([
      '--require=./otel.js',
      quietTimers,
    ]);
  });

  it('drops heap sizing and other flags a Worker refuses', () => {
    expect(
      kafkaThreadExecArgv([
        '--max-old-space-size=2048',
        '--max-semi-space-size=64',
        '--title=collect-api',
        '-r',
        '@swc-node/register',
      ]),
    ).toEqual(['-r', '@swc-node/register', quietTimers]);
  });

  it('gives flags Node accepts for a Worker when the process had one it refuses', async () => {
    const processArgv = ['--max-old-space-size=512', '--enable-source-maps'];
    let refusal: unknown;
    try {
      void new Worker('0', { eval: true, execArgv: processArgv }).terminate();
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ code: 'ERR_WORKER_INVALID_EXEC_ARGV' });
    const worker = new Worker('require("node:worker_threads").parentPort.postMessage("up")', {
      eval: true,
      execArgv: kafkaThreadExecArgv(processArgv),
    });
    await expect(
      new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      }),
    ).resolves.toBe('up');
    await worker.terminate();
  });
});
