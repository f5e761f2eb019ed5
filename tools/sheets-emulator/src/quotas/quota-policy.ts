import { ApiFault } from '../http/api-fault';
import { SlidingWindow } from './sliding-window';

export type RequestKind = 'read' | 'write';

/** Per-minute request quotas, per user (service account) and per project, as Google sets them. */
export interface QuotaSettings {
  readonly writesPerMinutePerUser: number;
  readonly writesPerMinutePerProject: number;
  readonly readsPerMinutePerUser: number;
  readonly readsPerMinutePerProject: number;
  /** The window the limits count over: 60,000 ms at Google; shorter only for quick tests. */
  readonly windowMs: number;
  /** Google sends no Retry-After with its 429s; set this to make the emulator send one. */
  readonly retryAfterSeconds: number | undefined;
}

/** Google's published defaults at the time of writing. */
export const GOOGLE_QUOTAS: QuotaSettings = {
  writesPerMinutePerUser: 60,
  writesPerMinutePerProject: 300,
  readsPerMinutePerUser: 60,
  readsPerMinutePerProject: 300,
  windowMs: 60_000,
  retryAfterSeconds: undefined,
};

export interface Caller {
  /** The service account's email. */
  readonly user: string;
  readonly project: string;
}

/**
 * Admits a request when both the caller's and its project's quota for that kind have room, and
 * counts it against both; otherwise answers Google's 429 without counting it.
 */
export class QuotaPolicy {
  private readonly users: SlidingWindow;
  private readonly projects: SlidingWindow;

  constructor(readonly settings: QuotaSettings) {
    this.users = new SlidingWindow(settings.windowMs);
    this.projects = new SlidingWindow(settings.windowMs);
  }

  admit(kind: RequestKind, caller: Caller, now: number): ApiFault | undefined {
    const userKey = `${kind}:${caller.user}`;
    const projectKey = `${kind}:${caller.project}`;
    const perUser =
      kind === 'write' ? this.settings.writesPerMinutePerUser : this.settings.readsPerMinutePerUser;
    const perProject =
      kind === 'write'
        ? this.settings.writesPerMinutePerProject
        : this.settings.readsPerMinutePerProject;
    if (this.users.count(userKey, now) >= perUser) {
      return this.exhausted(kind, 'user', perUser, caller);
    }
    if (this.projects.count(projectKey, now) >= perProject) {
      return this.exhausted(kind, 'project', perProject, caller);
    }
    this.users.record(userKey, now);
    this.projects.record(projectKey, now);
    return undefined;
  }

  private exhausted(
    kind: RequestKind,
    scope: 'user' | 'project',
    limit: number,
    caller: Caller,
  ): ApiFault {
    const metric = kind === 'write' ? 'Write requests' : 'Read requests';
    const limitName = scope === 'user' ? `${metric} per minute per user` : `${metric} per minute`;
    const quotaLimit = `${kind === 'write' ? 'Write' : 'Read'}RequestsPerMinutePer${scope === 'user' ? 'User' : 'Project'}`;
    const retryAfter = this.settings.retryAfterSeconds;
    return new ApiFault(
      'RESOURCE_EXHAUSTED',
      `Quota exceeded for quota metric '${metric}' and limit '${limitName}' of service 'sheets.googleapis.com' for consumer 'project_number:${caller.project}'.`,
      [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'RATE_LIMIT_EXCEEDED',
          domain: 'googleapis.com',
          metadata: {
            service: 'sheets.googleapis.com',
            consumer: `projects/${caller.project}`,
            quota_metric: `sheets.googleapis.com/${kind}_requests`,
            quota_limit: quotaLimit,
            quota_limit_value: String(limit),
            quota_location: 'global',
            quota_unit: scope === 'user' ? '1/min/{project}/{user}' : '1/min/{project}',
          },
        },
        {
          '@type': 'type.googleapis.com/google.rpc.Help',
          links: [
            {
              description: 'Request a higher quota limit.',
              url: 'https://cloud.google.com/docs/quotas/help/request_increase',
            },
          ],
        },
      ],
      retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) },
    );
  }
}
