const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids of forms and responses are UUIDs: anything else names nothing (404), never a query error. */
export const isUuid = (text: string): boolean => UUID.test(text);
