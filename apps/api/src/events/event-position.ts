/** Where Kafka stored an event. `offset` is a decimal string: Kafka offsets are 64-bit. */
export interface EventPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}
