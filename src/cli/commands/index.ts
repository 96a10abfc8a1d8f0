/** Every registered command, one file each. Only implemented commands are listed. */
import type { CommandModule } from 'yargs';
import * as backtest from './backtest';
import * as calendar from './calendar';
import * as erlang from './erlang';
import * as forecast from './forecast';
import * as init from './init';
import * as inspect from './inspect';
import * as plan from './plan';
import * as replan from './replan';
import * as replay from './replay';
import * as requirements from './requirements';
import * as simulate from './simulate';
import * as whatif from './whatif';
import * as designShifts from './design-shifts';
import * as serve from './serve';
import * as worker from './worker';
import * as capacity from './capacity';

type AnyCommand = CommandModule<object, object>;

/** Each command module is typed by its own arguments; yargs takes them as one list. */
function register<A>(module: CommandModule<object, A>): AnyCommand {
  return module as unknown as AnyCommand;
}

export const commands: AnyCommand[] = [
  register(inspect),
  register(init),
  register(forecast),
  register(backtest),
  register(calendar),
  register(erlang),
  register(requirements),
  register(plan),
  register(replan),
  register(replay),
  register(whatif),
  register(designShifts),
  register(capacity),
  register(simulate),
  register(serve),
  register(worker),
];
