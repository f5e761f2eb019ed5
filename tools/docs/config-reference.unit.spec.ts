import { readFileSync } from 'node:fs';
import { readmePath, readmeWithReference } from './config-reference';

describe('the README configuration reference', () => {
  it('lists exactly the variables the apps declare (run tools/docs/config-reference.ts --write after a change)', () => {
    const readme = readFileSync(readmePath, 'utf8');
    expect(readmeWithReference(readme)).toBe(readme);
  });
});
