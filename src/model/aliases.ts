/**
 * The ids that now mean another interaction (protocol doc §5.1 check 11): a campaign task re-keyed
 * on assignment (`reservationInteractionId` → the new `interactionId`), a child merged into another
 * (`ContactMerged.childInteractionId`). Re-keys and merges chain, in any order: a task re-keyed
 * twice, a child merged into an interaction that is re-keyed later, an id re-keyed into a key that
 * is merged later. Every id an interaction ever had must name the interaction it belongs to now.
 *
 * Ids that mean one interaction form a group with that interaction's key: a lookup is one map
 * read however many re-keys and merges came before, and no chain can loop. A re-key renames its
 * group; a merge of an interaction's key moves its group's ids into the other's (the smaller set
 * into the larger, so a long run of merges costs O(n log n), not O(n²)).
 */
/**
 * One write of an `AliasIndex`, as it was made: replayed in order on another index (the panel's
 * replica of the analysis worker's session), it gives the same answers.
 */
export type AliasWrite = readonly ['rekey' | 'merge', string, string];

interface Group {
  /** The key every id of the group means. */
  key: string;
  ids: Set<string>;
}

export class AliasIndex {
  /** Each id that was re-keyed, merged or is the key of one that was → its group, by first appearance. */
  private readonly groups = new Map<string, Group>();
  private writes = 0;
  /** Called with each write that changed something (the panel's analysis sends them on). */
  onWrite: ((write: AliasWrite) => void) | undefined = undefined;

  /** Each alias → the key it means now, in order of first appearance (built on each read). */
  get final(): ReadonlyMap<string, string> {
    const final = new Map<string, string>();
    for (const [id, group] of this.groups) if (group.key !== id) final.set(id, group.key);
    return final;
  }

  /** Writes so far that changed something (`onWrite` was called this many times). */
  get revision(): number {
    return this.writes;
  }

  /** The key an id means now: itself when it is no alias. */
  resolve(id: string): string {
    return this.groups.get(id)?.key ?? id;
  }

  /**
   * The interaction keyed `old` is now keyed `key`, an id that meant nothing: `old` and every id
   * that meant it now mean `key`. An id that already means something is no new key (ignored).
   */
  rekey(old: string, key: string): void {
    if (old === key || this.groups.has(key)) return;
    const group = this.groupOf(this.resolve(old));
    group.key = key;
    group.ids.add(key);
    this.groups.set(key, group);
    this.writes++;
    this.onWrite?.(['rekey', old, key]);
  }

  /**
   * `child` now means what `into` means; when `child` is an interaction's key, so does every id
   * that meant it. A child that `into` already means would close a cycle: ignored.
   */
  merge(child: string, into: string): void {
    const key = this.resolve(into);
    if (key === child) return;
    const target = this.groupOf(key);
    const own = this.groups.get(child);
    if (own === target) return;
    this.writes++;
    this.onWrite?.(['merge', child, into]);
    if (own && own.key === child) {
      const [small, large] = own.ids.size <= target.ids.size ? [own, target] : [target, own];
      for (const id of small.ids) {
        large.ids.add(id);
        this.groups.set(id, large);
      }
      large.key = key;
      return;
    }
    // An alias of another interaction merged again: only that id moves.
    own?.ids.delete(child);
    target.ids.add(child);
    this.groups.set(child, target);
  }

  /** Replays a write another index made (`onWrite`): this index then answers as that one did. */
  apply(write: AliasWrite): void {
    if (write[0] === 'rekey') this.rekey(write[1], write[2]);
    else this.merge(write[1], write[2]);
  }

  private groupOf(key: string): Group {
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = { key, ids: new Set([key]) }));
    return group;
  }
}
