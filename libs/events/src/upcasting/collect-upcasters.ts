import type { Upcaster } from './upcaster';

/**
 * The one place old versions of Collect events are brought up to date. Empty while every event
 * type is at version 1. Add `{ type, fromVersion, upcast }` here when a schema change is more than
 * added fields with defaults (those resolve by themselves, see upcaster.ts).
 */
export const collectUpcasters: readonly Upcaster[] = [];
