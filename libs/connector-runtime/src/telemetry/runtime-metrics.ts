import { metrics, type Attributes } from '@opentelemetry/api';

export interface IntegrationGauges {
  readonly lag: number;
  readonly oldestUndeliveredAgeSeconds: number;
}

/**
 * OpenTelemetry instruments of one connector runtime, by connector type and integration:
 * responses delivered, retried (a retry-later or an unconfirmed outcome) and dead-lettered
 * (counters); lag and the age of the oldest undelivered response (gauges, refreshed by the
 * status reporter).
 */
export class RuntimeMetrics {
  private readonly meter = metrics.getMeter('collect.connector');
  private readonly gauges = new Map<string, IntegrationGauges>();
  private readonly deliveredCounter = this.meter.createCounter('collect.connector.delivered', {
    description: 'responses delivered to an integration',
    unit: '{response}',
  });
  private readonly retriedCounter = this.meter.createCounter('collect.connector.retried', {
    description: 'responses left for a later attempt (retry later, rate limited or unconfirmed)',
    unit: '{response}',
  });
  private readonly deadLetteredCounter = this.meter.createCounter(
    'collect.connector.dead_lettered',
    { description: 'responses dead-lettered for an integration, by reason', unit: '{response}' },
  );

  constructor(private readonly type: string) {
    this.meter
      .createObservableGauge('collect.connector.lag', {
        description: 'messages of the responses topic an integration is behind its end',
        unit: '{message}',
      })
      .addCallback((result) => {
        for (const [id, gauges] of this.gauges) result.observe(gauges.lag, this.attributes(id));
      });
    this.meter
      .createObservableGauge('collect.connector.oldest_undelivered_age', {
        description: 'age of the oldest response an integration is still waiting for',
        unit: 's',
      })
      .addCallback((result) => {
        for (const [id, gauges] of this.gauges) {
          result.observe(gauges.oldestUndeliveredAgeSeconds, this.attributes(id));
        }
      });
  }

  delivered(integrationId: string, count: number): void {
    if (count > 0) this.deliveredCounter.add(count, this.attributes(integrationId));
  }

  retried(integrationId: string, count: number): void {
    if (count > 0) this.retriedCounter.add(count, this.attributes(integrationId));
  }

  deadLettered(integrationId: string, reason: string): void {
    this.deadLetteredCounter.add(1, {
      ...this.attributes(integrationId),
      reason: reason.split(':')[0] ?? reason,
    });
  }

  /** Replaces the gauges (integrations no longer attached disappear). */
  observe(gauges: ReadonlyMap<string, IntegrationGauges>): void {
    this.gauges.clear();
    for (const [id, value] of gauges) this.gauges.set(id, value);
  }

  private attributes(integrationId: string): Attributes {
    return { 'connector.type': this.type, 'integration.id': integrationId };
  }
}
