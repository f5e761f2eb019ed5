export { EventsModule } from './events.module';
export { EventPublisher } from './event-publisher';
export type { EventPosition } from './event-position';
export { EventsUnavailableError, isEventsUnavailable } from './events-unavailable.error';
export { EVENTS_OPTIONS, resolveEventsOptions, routeTopic } from './events-options';
export type { EventTopicNames, EventsModuleOptions, ResolvedEventsOptions } from './events-options';
export { FormsView } from './forms-view/forms-view';
export type { SkipReason } from './forms-view/forms-view';
export type { PublishedForm } from './forms-view/form-states';
