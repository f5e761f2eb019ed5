/** A decoded record: an event without its `type`, in the shape of one schema version. */
export type EventRecord = Readonly<Record<string, unknown>>;

/**
 * Turns a record of `type` written with schema version `fromVersion` into the shape of version
 * `fromVersion + 1`. Only semantic changes need one (a field split, renamed or re-typed): a step
 * without an upcaster is Avro schema resolution, which fills added fields with their defaults
 * and drops removed ones.
 */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  readonly upcast: (record: EventRecord) => EventRecord;
}

export class UpcasterRegistry {
  private readonly upcasters = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) {
      const key = keyOf(upcaster.type, upcaster.fromVersion);
      if (this.upcasters.has(key)) {
        throw new Error(
          `two upcasters for ${upcaster.type} from version ${upcaster.fromVersion}: keep one`,
        );
      }
      this.upcasters.set(key, upcaster);
    }
  }

  get(type: string, fromVersion: number): Upcaster | undefined {
    return this.upcasters.get(keyOf(type, fromVersion));
  }
}

function keyOf(type: string, fromVersion: number): string {
  return `${type}@${fromVersion}`;
}
