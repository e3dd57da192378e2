import { type Command, Option } from 'commander';
import { buildCli } from './commands.ts';
import { takeLanguageOption } from './shared.ts';

/** `plaza` command-line entry point. */
const program: Command = buildCli();
program.addOption(new Option('--no-color').hideHelp());
program.addHelpText('after', '\nLanguage of messages: plaza --lang es|en <command> (or $PLAZA_LANG; default: the workspace’s language).');
let argv: string[];
try {
  argv = takeLanguageOption(process.argv);
} catch (error) {
  process.stderr.write(`plaza: ${(error as Error).message}\n`);
  process.exit(1);
}
program.parseAsync(argv).catch((error: Error) => {
  process.stderr.write(`plaza: ${error.message}\n`);
  process.exit(1);
});
