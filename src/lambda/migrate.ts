// Lambda entry (deploy/processor, invoked by hand): applies the migrations packaged beside it.
import { createMigrateHandler } from './migrate-handler.js';

export const handler = createMigrateHandler();
