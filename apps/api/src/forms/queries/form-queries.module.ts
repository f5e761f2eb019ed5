import { Module } from '@nestjs/common';
import { FormQueriesController } from './form-queries.controller';
import { FormReadStore } from './form-read-store';

/** Reading forms over HTTP. Needs ReadModelModule, DatabaseModule and AuthModule (all global). */
@Module({ controllers: [FormQueriesController], providers: [FormReadStore] })
export class FormQueriesModule {}
