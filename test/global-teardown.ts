import { LocalStack } from '../tools/stack/src/stack';

export default async function globalTeardown(): Promise<void> {
  if (process.env.COLLECT_TEST_STACK !== 'started') return;
  delete process.env.COLLECT_TEST_STACK;
  if (process.env.COLLECT_KEEP_STACK === '1') return;
  await new LocalStack().down();
}
