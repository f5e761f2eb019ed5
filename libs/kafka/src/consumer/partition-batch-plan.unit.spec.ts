import { planPartitionBatch } from './partition-batch-plan';

const messages = (...offsets: number[]) => offsets.map((offset) => ({ offset: String(offset) }));
const batch = (
  fetchedOffset: number,
  offsets: number[],
  lastOffset = offsets[offsets.length - 1]!,
) => ({
  fetchedOffset: BigInt(fetchedOffset),
  lastOffset: BigInt(lastOffset),
  messages: messages(...offsets),
});

describe('planPartitionBatch', () => {
  it('applies a batch that starts at the checkpoint and moves the checkpoint past its last offset', () => {
    expect(planPartitionBatch(batch(10, [10, 11, 12]), 10n, undefined)).toEqual({
      action: 'apply',
      messages: messages(10, 11, 12),
      nextOffset: 13n,
    });
  });

  it('drops the messages below the checkpoint (already applied) and applies the rest', () => {
    expect(planPartitionBatch(batch(8, [8, 9, 10, 11]), 10n, undefined)).toEqual({
      action: 'apply',
      messages: messages(10, 11),
      nextOffset: 12n,
    });
  });

  it('seeks forward when everything fetched is already applied', () => {
    expect(planPartitionBatch(batch(3, [3, 4]), 10n, undefined)).toEqual({
      action: 'seek',
      offset: 10n,
      reason: 'behind',
    });
  });

  it('never skips: a fetch that started past the checkpoint seeks back to it', () => {
    expect(planPartitionBatch(batch(15, [15, 16]), 10n, undefined)).toEqual({
      action: 'seek',
      offset: 10n,
      reason: 'gap',
    });
  });

  it('accepts a gap Kafka keeps answering after seeking exactly to the checkpoint (transaction markers)', () => {
    expect(planPartitionBatch(batch(12, [12, 13]), 10n, 10n)).toEqual({
      action: 'apply',
      messages: messages(12, 13),
      nextOffset: 14n,
    });
  });

  it('moves the checkpoint past records kafkajs filtered out at the end of the batch', () => {
    expect(planPartitionBatch(batch(10, [10, 11], 12), 10n, undefined)).toMatchObject({
      nextOffset: 13n,
    });
  });
});
