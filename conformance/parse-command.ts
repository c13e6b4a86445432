// One way for the kit's subcommands to run commander: help exits 0, a usage error exits 2.
import { CommanderError } from 'commander';
import type { Command } from 'commander';

/** Parses `argv` with `program`: undefined when its action ran, else the exit code (0 after --help, 2 on a usage error). */
export async function parseCommand(program: Command, argv: readonly string[]): Promise<number | undefined> {
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return undefined;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
}
