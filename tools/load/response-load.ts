import type { ResponseSubmitted } from '@collect/events';
import { randomUUID } from 'node:crypto';
import { loadForm, type LoadForm } from './load-form';
import { loadResponse } from './load-response';
import { seededRandom, type Random } from './random';

export interface ResponseLoadOptions {
  readonly forms: number;
  /** Forms per organisation (the last organisation may hold fewer). */
  readonly formsPerOrg?: number;
  readonly seed?: number;
  /** submittedAt of the first response (epoch ms); later ones follow a few ms apart. */
  readonly startAt?: number;
}

/**
 * A realistic load: `forms` published forms over a few organisations, and as many responses as
 * asked for, spread at random over the forms, generated lazily (a million cost no memory).
 */
export class ResponseLoad {
  readonly forms: readonly LoadForm[];
  private readonly random: Random;
  private clock: number;

  constructor(options: ResponseLoadOptions) {
    this.random = seededRandom(options.seed ?? 42);
    this.clock = options.startAt ?? Date.now() - 86_400_000;
    const perOrg = options.formsPerOrg ?? 50;
    let orgId = randomUUID();
    this.forms = Array.from({ length: options.forms }, (_, index) => {
      if (index > 0 && index % perOrg === 0) orgId = randomUUID();
      return loadForm(this.random, orgId, this.clock);
    });
  }

  /** The next response, to a form picked at random. */
  next(): ResponseSubmitted {
    this.clock += this.random.int(0, 5);
    return loadResponse(this.random, this.random.pick(this.forms), this.clock);
  }

  /** `count` responses, lazily. */
  *responses(count: number): Generator<ResponseSubmitted> {
    for (let n = 0; n < count; n++) yield this.next();
  }
}
