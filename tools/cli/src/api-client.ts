/** A problem+json answer of the API, as the CLI shows it. */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: ReadonlyArray<{ path: string; code: string; message: string }> = [],
  ) {
    super(message);
  }
}

export interface ApiClientOptions {
  /** e.g. http://127.0.0.1:3000 (COLLECT_API_URL). */
  readonly baseUrl: string;
  /** An organisation API key (COLLECT_API_KEY). Never printed. */
  readonly apiKey: string;
  readonly timeoutMs?: number;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** The few calls the CLI makes: JSON in, JSON out, problems thrown as ApiProblem. */
export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  send<T>(method: Exclude<Method, 'GET'>, path: string, body?: unknown): Promise<T> {
    return this.call<T>(method, path, body);
  }

  private async call<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const url = new URL(
      path,
      this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`,
    );
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.options.apiKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new ApiProblem(
        0,
        'unreachable',
        `${url.origin} did not answer: ${(error as Error).message}`,
      );
    }
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (response.ok) return parsed as T;
    throw new ApiProblem(
      response.status,
      typeof parsed.code === 'string' ? parsed.code : 'http-error',
      typeof parsed.detail === 'string' ? parsed.detail : `HTTP ${response.status}`,
      Array.isArray(parsed.errors) ? (parsed.errors as ApiProblem['errors']) : [],
    );
  }
}
