import { EventDecodeError, EventsError, SchemaRegistryError } from '../errors';

/** The single converter of schema-registry client errors into our family. `doing` says what failed. */
export function fromRegistryError(error: unknown, doing: string): EventsError {
  if (error instanceof EventsError) return error;
  const status = statusOf(error);
  const reason = error instanceof Error ? error.message : String(error);
  if (nameOf(error) === 'ConfluentSchemaRegistryCompatibilityError') {
    return new SchemaRegistryError(
      'compatibility_mismatch',
      `${doing}: ${reason}. Our subjects must be BACKWARD: set it with PUT /config/<subject> {"compatibility":"BACKWARD"}`,
      { cause: error },
    );
  }
  if ((status === 409 || status === 422) && alreadyExists.test(reason)) {
    return new SchemaRegistryError(
      'concurrent_registration',
      `${doing} met a concurrent registration of the same subject: ${reason}; retrying settles it`,
      { cause: error, status },
    );
  }
  if (
    nameOf(error) === 'ConfluentSchemaRegistryInvalidSchemaError' ||
    status === 409 ||
    status === 422
  ) {
    return new SchemaRegistryError(
      'schema_rejected',
      `${doing} was refused: ${reason}. A published schema may only change BACKWARD-compatibly (add fields with defaults) — otherwise add a new event type`,
      { cause: error, status },
    );
  }
  if (status === undefined || isUnavailable(status, reason)) {
    return new SchemaRegistryError(
      'registry_unavailable',
      `${doing} failed, the schema registry is unreachable or failing: ${reason}`,
      {
        cause: error,
        status,
      },
    );
  }
  return new SchemaRegistryError(
    'registry_refused',
    `${doing} was refused (HTTP ${status}): ${reason}. Check the registry URL and credentials`,
    {
      cause: error,
      status,
    },
  );
}

/** Fetching a writer schema: 404 means the id does not exist in this registry, which retrying cannot change. */
export function fromWriterSchemaError(error: unknown, schemaId: number): EventsError {
  if (statusOf(error) === 404) {
    return new EventDecodeError(
      'unknown_schema_id',
      `schema id ${schemaId} is not in the schema registry: the value was written against another registry, or is not ours`,
      { cause: error, schemaId },
    );
  }
  return fromRegistryError(error, `fetching writer schema ${schemaId}`);
}

/**
 * A registry's words for losing the race to create a subject or its compatibility rule (e.g.
 * Apicurio: "A rule named 'COMPATIBILITY' already exists."), seen when two replicas start on a
 * fresh registry together.
 */
const alreadyExists = /\balready exists\b/i;

function isUnavailable(status: number, reason: string): boolean {
  // mappersmith reports connection failures and timeouts as a synthetic 400 without a body.
  const transportFailure = status === 400 && reason.includes('Error, status 400');
  return transportFailure || status >= 500 || status === 408 || status === 429;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function nameOf(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}
