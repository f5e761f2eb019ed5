import { createHash } from 'node:crypto';
import { EventDecodeError, EventsError, readEventHeaders, type EventSerde } from '@collect/events';
import { ConnectorRuntimeError, describeError } from '../errors/connector-runtime-error';
import type { DecodedMessage, PositionedMessage } from './positioned-message';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Decodes the messages integrations wait for. A value that can never become a ResponseSubmitted
 * of its key's form is poison (dead-lettered per integration, never retried); a registry that
 * cannot be asked right now is a retriable error (the round is retried).
 */
export async function decodeMessages(
  serde: EventSerde,
  messages: readonly PositionedMessage[],
): Promise<DecodedMessage[]> {
  const decoded: DecodedMessage[] = [];
  for (const position of messages) decoded.push(await decodeOne(serde, position));
  return decoded;
}

async function decodeOne(serde: EventSerde, position: PositionedMessage): Promise<DecodedMessage> {
  const poison = (reason: string): DecodedMessage => ({
    kind: 'poison',
    position,
    responseId: syntheticResponseId(position),
    reason,
  });
  if (!position.message.value) return poison('undecodable: empty value');
  let event;
  try {
    event = await serde.decode(position.message.value);
  } catch (error) {
    if (error instanceof EventDecodeError) return poison(`undecodable: ${error.code}`);
    if (error instanceof EventsError && !error.retriable) {
      return poison(`undecodable: ${error.code}`);
    }
    throw new ConnectorRuntimeError(
      'registry_unavailable',
      true,
      `decoding ${position.topic}/${position.partition}@${position.offset}: ${describeError(error)}`,
      { cause: error },
    );
  }
  if (event.type !== 'ResponseSubmitted') return poison(`unknown_type: ${event.type}`);
  if (!uuidPattern.test(event.responseId))
    return poison('invalid_response: responseId is not a UUID');
  if (event.formId !== position.formId)
    return poison('invalid_response: formId differs from the key');
  return {
    kind: 'response',
    position,
    responseId: event.responseId.toLowerCase(),
    response: event,
    traceparent: readEventHeaders(position.message.headers).traceparent,
  };
}

/** A stable UUID for a message without a readable responseId (name-based, from its position). */
export function syntheticResponseId(position: PositionedMessage): string {
  const hex = createHash('sha1')
    .update(`${position.topic}\u0000${position.partition}\u0000${position.offset}`)
    .digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
