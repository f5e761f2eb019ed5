import { inspect } from 'node:util';

const HIDDEN = '[hidden]';

/**
 * A string that must never reach a log, an error message or a JSON body.
 * Every way of printing it yields `[hidden]`; call `reveal()` only at the SDK call that needs it.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return HIDDEN;
  }

  toJSON(): string {
    return HIDDEN;
  }

  [inspect.custom](): string {
    return HIDDEN;
  }
}
