#!/usr/bin/env node
// The `kubeclusters-mock` executable: `serve` starts Node again with its V8 flags (relaunch.ts); the
// commands load only after that choice, so the launcher stays small.
import { followLauncher, needsRelaunch, relaunch } from './relaunch.js';
import { programModule } from './program-module.js';

if (needsRelaunch(process.argv, process.execArgv, process.env)) {
  relaunch();
} else {
  followLauncher();
  await import(programModule());
}
