export { FormsModule } from './forms.module';
export { FormsService } from './forms.service';
export type { FormCommandResult, RecordedEvent } from './form-command-result';
export { formProblem } from './form-problems';
