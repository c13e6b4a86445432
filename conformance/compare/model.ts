// What the sequence generator expects to exist (from the requests it has written so far), so that it
// can aim requests at live, deleted, guarded or foreign documents. Servers may disagree; the replay shows it.
import { symbol } from './steps.js';
import type { ResourceName, Sym, Tenant } from './steps.js';

export class SequenceModel {
  readonly #counters = new Map<string, number>();
  readonly #live = new Map<string, Sym[]>();
  readonly #gone: Sym[] = [];
  readonly #names = new Map<Sym, string>();
  /** Backup definitions referring to each cluster: they block its deletion. */
  readonly #backups = new Map<Sym, Set<Sym>>();

  constructor(readonly prefix: string) {}

  /** A fresh symbol and its name, e.g. `a:kubeclusters#3` named `<prefix>a-kubeclusters-3`. */
  next(tenant: Tenant, resource: ResourceName): { sym: Sym; name: string } {
    const key = `${tenant}:${resource}`;
    const n = (this.#counters.get(key) ?? 0) + 1;
    this.#counters.set(key, n);
    return { sym: symbol(tenant, resource, n), name: `${this.prefix}${tenant}-${resource.slice(0, -1)}-${n}` };
  }

  created(sym: Sym, name: string, cluster?: Sym): void {
    this.#list(sym.slice(0, sym.indexOf('#'))).push(sym);
    this.#names.set(sym, name);
    if (cluster) this.#backupsOf(cluster).add(sym);
  }

  renamed(sym: Sym, name: string): void {
    this.#names.set(sym, name);
  }

  deleted(sym: Sym): void {
    const list = this.#list(sym.slice(0, sym.indexOf('#')));
    list.splice(list.indexOf(sym), 1);
    this.#gone.push(sym);
    for (const backups of this.#backups.values()) backups.delete(sym);
  }

  live(tenant: Tenant, resource: ResourceName): readonly Sym[] {
    return this.#list(`${tenant}:${resource}`);
  }

  gone(): readonly Sym[] {
    return this.#gone;
  }

  nameOf(sym: Sym): string {
    return this.#names.get(sym) ?? `${this.prefix}unnamed`;
  }

  isGuarded(cluster: Sym): boolean {
    return (this.#backups.get(cluster)?.size ?? 0) > 0;
  }

  /** Every name given so far (for queries and duplicates). */
  names(): string[] {
    return [...this.#names.values()];
  }

  #list(key: string): Sym[] {
    let list = this.#live.get(key);
    if (!list) this.#live.set(key, (list = []));
    return list;
  }

  #backupsOf(cluster: Sym): Set<Sym> {
    let set = this.#backups.get(cluster);
    if (!set) this.#backups.set(cluster, (set = new Set()));
    return set;
  }
}
