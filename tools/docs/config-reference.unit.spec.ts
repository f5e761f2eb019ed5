import { readFileSync } from 'node:fs';
import { readmePath, readmeWithReference } from './config-reference';

/** Prettier pads Markdown tables; the content is what must match. */
function normalise(markdown: string): string {
  return markdown.replace(/ +/g, ' ').replace(/-{3,}/g, '---');
}

describe('the README configuration reference', () => {
  it('lists exactly the variables the apps declare (run tools/docs/config-reference.ts --write after a change)', () => {
    const readme = readFileSync(readmePath, 'utf8');
    expect(normalise(readmeWithReference(readme))).toBe(normalise(readme));
  });
});
