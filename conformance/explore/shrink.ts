// Delta debugging over the steps of a sequence: the shortest subsequence found that, replayed on a fresh
// state (a new name prefix, the pass's own snapshot, its leftovers removed), still shows the violation.
import type { ExploreStep } from './steps.js';

/** Whether replaying these steps still shows the violation. */
export type Replays = (steps: readonly ExploreStep[]) => Promise<boolean>;

export interface ShrinkOptions {
  /** At most this many replays (each one a pass against the server). */
  budget: number;
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
  const related = relatedTo(current, failing);
  if (related.length < current.length && (await test(related))) current = related;
  let chunks = 2;
  while (current.length >= 2 && replays < options.budget) {
    const size = Math.ceil(current.length / chunks);
    let reduced = false;
    for (let start = 0; start < current.length && replays < options.budget; start += size) {
      const complement = [...current.slice(0, start), ...current.slice(start + size)];
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
  return { steps: current, replays };
}

const SYMBOL = /(?:id|etag|stale|agent) ([ab]:[a-z]+#\d+)/g;

function symbolsOf(step: ExploreStep): Set<string> {
  const text = [step.path, step.body ?? '', ...Object.values(step.headers)].join(' ');
  return new Set([...text.matchAll(SYMBOL)].map((match) => match[1] as string).concat(step.creates ?? []));
}

/** The failing step, the steps that create or act on its documents (and theirs, one level on), and every control step. */
function relatedTo(steps: readonly ExploreStep[], failing: number): ExploreStep[] {
  const last = steps.find((step) => step.index === failing);
  if (!last) return [...steps];
  const wanted = symbolsOf(last);
  for (const step of steps) if ([...symbolsOf(step)].some((sym) => wanted.has(sym)) && step.creates) for (const sym of symbolsOf(step)) wanted.add(sym);
  return steps.filter((step) => step === last || step.via === 'control' || [...symbolsOf(step)].some((sym) => wanted.has(sym)));
}
