import { LocalStack } from '../tools/stack/src/stack';

/**
 * Starts the local stack for the int and e2e tiers, or reuses one a developer already runs.
 * Only a stack started here is stopped again by global-teardown.ts.
 */
export default async function globalSetup(): Promise<void> {
  const stack = new LocalStack();
  if (!process.env.COLLECT_TEST_STACK) {
    const running =
      stack.isRunning() && (await stack.status()).slice(0, 3).every((row) => row.ready);
    if (!running) await stack.up();
    process.env.COLLECT_TEST_STACK = running ? 'reused' : 'started';
  }
  Object.assign(process.env, stack.env());
}
