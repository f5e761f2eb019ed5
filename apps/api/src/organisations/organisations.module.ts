import { Module } from '@nestjs/common';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';

/** Organisations and their API keys, managed with the admin key. Needs AuthModule and DatabaseModule. */
@Module({ controllers: [OrganisationsController], providers: [OrganisationsService] })
export class OrganisationsModule {}
