import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ReadinessService, type ReadinessProbe } from '@collect/platform';
import { FormsView } from './forms-view';

/** `forms-view`: ready once the view replayed the forms topic after start, and while it runs. */
@Injectable()
export class FormsViewReadinessProbe implements ReadinessProbe, OnModuleInit {
  readonly name = 'forms-view';

  constructor(
    private readonly view: FormsView,
    private readonly readiness: ReadinessService,
  ) {}

  onModuleInit(): void {
    this.readiness.register(this);
  }

  check(): Promise<void> {
    const { ready, reason } = this.view.health;
    return ready ? Promise.resolve() : Promise.reject(new Error(reason));
  }
}
