import type { FormEvent } from './form-events';
import type { ResponseSubmitted } from './response-events';

/** Every event this library has a contract for. */
export type CollectEvent = FormEvent | ResponseSubmitted;
export type CollectEventType = CollectEvent['type'];
