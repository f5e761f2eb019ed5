import { config, telemetry } from './instrumentation'; // must stay the first import
import { runService } from '@collect/platform';
import { AppModule } from './app.module';
import { configureHttp } from './http';

void runService({
  name: 'collect-api',
  module: AppModule.forRoot(config),
  host: config.host,
  port: config.port,
  shutdownTimeoutMs: config.shutdownTimeoutMs,
  telemetry,
  configure: (app) =>
    configureHttp(app, {
      bodyLimitBytes: config.bodyLimitBytes,
      jsonMaxDepth: config.jsonMaxDepth,
      swaggerUi: true,
    }),
});
