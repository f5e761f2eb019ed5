import { config, telemetry } from './instrumentation'; // must stay the first import
import { runService } from '@collect/platform';
import { AppModule } from './app.module';

void runService({
  name: 'collect-sheets-connector',
  module: AppModule.forRoot(config),
  host: config.host,
  port: config.port,
  shutdownTimeoutMs: config.shutdownTimeoutMs,
  telemetry,
});
