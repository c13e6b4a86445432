#!/usr/bin/env node
// The `kubeclusters-mock` executable: parses arguments and hands over to `serve`, `conformance` or `compare`.
import { Command, CommanderError } from 'commander';
import { serveCommand } from './serve.js';

const program = new Command('kubeclusters-mock')
  .description("Mock server and conformance test kit for CloudCasa's kubeclusters API")
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

program.addCommand(serveCommand());
program
  .command('conformance')
  .description('Check a server (the mock or any other) against the documented kubeclusters behaviours')
  .helpOption(false)
  .allowUnknownOption(true)
  .allowExcessArguments(true)
  .action(async (_options: unknown, command: Command) => {
    // Loaded on demand: the conformance runner brings vitest, which `serve` never needs.
    const { runConformanceCli } = await import('../../conformance/cli.js');
    process.exitCode = await runConformanceCli(command.args);
  });
program
  .command('compare')
  .description('Replay one generated request sequence against two servers (e.g. the mock and the Eve reference) and report the differences')
  .helpOption(false)
  .allowUnknownOption(true)
  .allowExcessArguments(true)
  .action(async (_options: unknown, command: Command) => {
    // Loaded on demand, like `conformance`.
    const { runCompareCli } = await import('../../conformance/compare/cli.js');
    process.exitCode = await runCompareCli(command.args);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exitCode = error.exitCode;
  else {
    console.error(`kubeclusters-mock: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
