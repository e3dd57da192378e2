import { type Command, Option } from 'commander';
import { buildCli } from './commands.ts';

/** `plaza` command-line entry point. */
const program: Command = buildCli();
program.addOption(new Option('--no-color').hideHelp());
program.parseAsync(process.argv).catch((error: Error) => {
  process.stderr.write(`plaza: ${error.message}\n`);
  process.exit(1);
});
