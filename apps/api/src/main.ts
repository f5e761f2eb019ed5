import { config, telemetry } from './instrumentation'; // must stay the first import
import { runService } from '@collect/platform';
import { AppModule } from './app.module';
import { configureHttp } from './http';
import { submissionPath } from './responses/submission-route';

void runService({
  name: 'collect-api',
  module: AppModule.forRoot(config),
  host: config.host,
  port: config.port,
  shutdownTimeoutMs: config.shutdownTimeoutMs,
  telemetry,
  // The ingestion route is counted by the collect.api.submissions metric instead.
  unloggedRoutes: [submissionPath],
  configure: (app) =>
    configureHttp(app, {
      bodyLimitBytes: config.bodyLimitBytes,
      jsonMaxDepth: config.jsonMaxDepth,
      swaggerUi: true,
    }),
});
