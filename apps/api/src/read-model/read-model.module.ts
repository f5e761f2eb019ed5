import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ProjectionProgress } from './consistency/projection-progress';
import { ReadYourWrites } from './consistency/read-your-writes';
import { ReadModelDb } from './read-model-db';
import {
  READ_MODEL_OPTIONS,
  resolveReadModelOptions,
  type ReadModelOptions,
} from './read-model-options';

/**
 * The read side's shared plumbing: queries over `read_model.*` and read-your-writes. Global, so
 * the forms and responses query modules use it; needs DatabaseModule's Pool.
 */
@Global()
@Module({})
export class ReadModelModule {
  static forRoot(options: ReadModelOptions = {}): DynamicModule {
    const providers = [
      { provide: READ_MODEL_OPTIONS, useValue: resolveReadModelOptions(options) },
      ReadModelDb,
      ProjectionProgress,
      ReadYourWrites,
    ];
    return { module: ReadModelModule, providers, exports: providers };
  }
}
