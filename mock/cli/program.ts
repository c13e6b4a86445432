// The `kubeclusters-mock` commands: parses arguments and hands over to `serve`, `conformance`, `compare` or `proxy`.
import { Command, CommanderError } from 'commander';
import { serveCommand } from './serve.js';
import { packageVersion } from '../node/assets.js';

const program = new Command('kubeclusters-mock')
  .description("Mock server and conformance test kit for CloudCasa's kubeclusters API")
  .version(packageVersion(), '-V, --version', 'print the version of kubeclusters-mock')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

program.addCommand(serveCommand());

/** A subcommand that hands its arguments to a runner loaded on demand: `serve` never loads vitest and the like. */
function delegate(name: string, description: string, load: () => Promise<(argv: readonly string[]) => Promise<number>>): void {
  program
    .command(name)
    .description(description)
    .helpOption(false)
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .action(async (_options: unknown, command: Command) => {
      process.exitCode = await (await load())(command.args);
    });
}

delegate('conformance', 'Check a server (the mock or any other) against the documented kubeclusters behaviours', async () => (await import('../../conformance/cli.js')).runConformanceCli);
delegate('compare', 'Replay one generated request sequence against two servers (e.g. the mock and the Eve reference) and report the differences', async () => (await import('../../conformance/compare/cli.js')).runCompareCli);
delegate('proxy', 'Forward real traffic to a server and check every exchange against the contract', async () => (await import('../../conformance/proxy/cli.js')).runProxyCli);
delegate('explore', 'Send one random stateful sequence to a server and judge every answer by the contract and a model of its state', async () => (await import('../../conformance/explore/cli.js')).runExploreCli);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exitCode = error.exitCode;
  else {
    console.error(`kubeclusters-mock: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
