import { Module } from '@nestjs/common';
import { ResponseQueriesController } from './response-queries.controller';
import { ResponseReadStore } from './response-read-store';

/** Reading responses over HTTP (JSON and CSV). Needs ReadModelModule, DatabaseModule, AuthModule. */
@Module({ controllers: [ResponseQueriesController], providers: [ResponseReadStore] })
export class ResponseQueriesModule {}
