import { Command } from 'commander';
import { registerChannel } from './commands/channel.js';
import { registerContact } from './commands/contact.js';
import { registerCreateQueues } from './commands/create-queues.js';
import { registerEndpointCommands } from './commands/endpoint.js';
import { registerMedia } from './commands/media.js';
import { registerMigrate } from './commands/migrate.js';
import { registerParse } from './commands/parse.js';
import { registerRelay } from './commands/relay.js';
import { registerPrune } from './commands/prune.js';
import { registerReplayDlq } from './commands/replay-dlq.js';
import { registerReprocess } from './commands/reprocess.js';
import { registerSeed } from './commands/seed.js';
import { registerServe } from './commands/serve.js';
import { registerSimulate } from './commands/simulate.js';
import { registerToken } from './commands/token.js';
import { registerUser } from './commands/user.js';

export function buildOmniProgram(): Command {
  const program = new Command('omni').description('Omni: omnichannel messaging backend').showHelpAfterError();
  registerServe(program);
  registerMigrate(program);
  registerCreateQueues(program);
  registerRelay(program);
  registerReplayDlq(program);
  registerSimulate(program);
  registerParse(program);
  registerReprocess(program);
  registerPrune(program);
  registerSeed(program);
  registerUser(program);
  registerToken(program);
  registerChannel(program);
  registerEndpointCommands(program);
  registerMedia(program);
  registerContact(program);
  return program;
}
