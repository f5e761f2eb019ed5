import { Partitioners, type ICustomPartitioner, type Message } from 'kafkajs';

/**
 * Remembers which partition kafkajs' partitioner chose for each message object, so a batched
 * send can tell every caller its own partition and offset. kafkajs passes the caller's message
 * objects to the partitioner unchanged.
 */
export class PartitionRecorder {
  private readonly chosen = new WeakMap<Message, number>();

  /** Pass as `createPartitioner` to `kafka.producer(…)`; wraps kafkajs' default (murmur2 on the key). */
  wrap(create: ICustomPartitioner = Partitioners.DefaultPartitioner): ICustomPartitioner {
    return () => {
      const partitioner = create();
      return (args) => {
        const partition = partitioner(args);
        // A message that names its partition is told it by partitionOf without remembering it.
        if (args.message.partition !== partition) this.chosen.set(args.message, partition);
        return partition;
      };
    };
  }

  readonly partitionOf = (message: Message): number | undefined =>
    this.chosen.get(message) ?? message.partition;
}
