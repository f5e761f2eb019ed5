import { MAX_SPANS, WriteSpans } from './write-spans';

describe('write spans per spreadsheet', () => {
  it('counts a write that arrives while another to the same spreadsheet is open', () => {
    const spans = new WriteSpans();
    const first = spans.begin('s', 'values.append', 0);
    const other = spans.begin('t', 'values.append', 1);
    const second = spans.begin('s', 'values.append', 2);
    first(200, 3);
    second(200, 4);
    other(200, 5);
    spans.begin('s', 'values.update', 6)(200, 7);
    expect(spans.of('s')).toMatchObject({ overlapping: 1, maxConcurrent: 2 });
    expect(spans.of('t')).toMatchObject({ overlapping: 0, maxConcurrent: 1 });
    expect(spans.of('s').spans.map((span) => [span.startedAt, span.endedAt])).toEqual([
      [0, 3],
      [2, 4],
      [6, 7],
    ]);
  });

  it('sees strictly sequential writes as no overlap, and keeps only the last spans', () => {
    const spans = new WriteSpans();
    for (let i = 0; i < MAX_SPANS + 5; i++) spans.begin('s', 'values.append', i)(200, i);
    const log = spans.of('s');
    expect(log).toMatchObject({ overlapping: 0, maxConcurrent: 1 });
    expect(log.spans).toHaveLength(MAX_SPANS);
    expect(log.spans[0]?.startedAt).toBe(5);
  });
});
