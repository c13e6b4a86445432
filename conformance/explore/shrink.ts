// Delta debugging over the steps of a sequence: the shortest subsequence found that, replayed on a fresh
// state (a new name prefix, the pass's own snapshot, its leftovers removed), still shows the violation.
import type { ExploreStep } from './steps.js';

/** Whether replaying these steps still shows the violation. */
export type Replays = (steps: readonly ExploreStep[]) => Promise<boolean>;

export interface ShrinkOptions {
  /** At most this many replays (each one a pass against the server). */
  budget: number;
  /** Documents the violation names (besides those of the failing step): their steps are the story. */
  mentioned?: readonly string[];
}

export interface Shrunk {
  steps: ExploreStep[];
  replays: number;
}

/**
 * Starts from the steps up to the one that showed the violation; first tries the steps that touch the
 * same documents (usually the whole story), then ddmin: drop ever smaller chunks while it still fails.
 */
export async function shrink(steps: readonly ExploreStep[], failing: number, fails: Replays, options: ShrinkOptions): Promise<Shrunk> {
  let replays = 0;
  const test = async (candidate: readonly ExploreStep[]) => {
    replays++;
    return fails(candidate);
  };
  let current = steps.filter((step) => step.index <= failing);
  const related = relatedTo(current, failing, options.mentioned ?? []);
  if (related.length < current.length && (await test(related))) current = related;
  // ddmin again from its own result: a replay that failed by timing alone may let a second pass go further.
  for (let before = Infinity; current.length < before && replays < options.budget; ) {
    before = current.length;
    current = await ddmin(current, test, () => replays < options.budget);
  }
  return { steps: current, replays };
}

/** Zeller's ddmin over complements: drop a chunk while the rest still fails, halving the chunks when none can go. */
async function ddmin(start: ExploreStep[], test: Replays, more: () => boolean): Promise<ExploreStep[]> {
  let current = start;
  let chunks = 2;
  while (current.length >= 2 && more()) {
    const size = Math.ceil(current.length / chunks);
    let reduced = false;
    for (let from = 0; from < current.length && more(); from += size) {
      const complement = [...current.slice(0, from), ...current.slice(from + size)];
      if (complement.length > 0 && (await test(complement))) {
        current = complement;
        chunks = Math.max(chunks - 1, 2);
        reduced = true;
        break;
      }
    }
    if (reduced) continue;
    if (chunks >= current.length) break;
    chunks = Math.min(current.length, chunks * 2);
  }
  return current;
}

const SYMBOL = /(?:id|etag|stale|agent) ([ab]:[a-z]+#\d+)/g;

function symbolsOf(step: ExploreStep): Set<string> {
  const text = [step.path, step.body ?? '', ...Object.values(step.headers)].join(' ');
  return new Set([...text.matchAll(SYMBOL)].map((match) => match[1] as string).concat(step.creates ?? []));
}

/** The failing step, the steps that create or act on its documents (and theirs, one level on), and every control step. */
function relatedTo(steps: readonly ExploreStep[], failing: number, mentioned: readonly string[]): ExploreStep[] {
  const last = steps.find((step) => step.index === failing);
  if (!last) return [...steps];
  const wanted = new Set([...symbolsOf(last), ...mentioned]);
  for (const step of steps) if ([...symbolsOf(step)].some((sym) => wanted.has(sym)) && step.creates) for (const sym of symbolsOf(step)) wanted.add(sym);
  return steps.filter((step) => step === last || step.via === 'control' || [...symbolsOf(step)].some((sym) => wanted.has(sym)));
}
