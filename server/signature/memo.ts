/**
 * A bounded memo for verification facts that depend only on their key's bytes (a certificate's chain signature,
 * its parsed description, a CRL's parse). Every entry is a pure function of the key, so a hit can never change a
 * decision; the bound keeps a flood of distinct certificates from growing the heap. Oldest insertion goes first
 * (Map keeps insertion order), which is enough: the working set is the few hundred operators of a deployment.
 */
export class BoundedMemo<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  set(key: K, value: V): V {
    if (this.#entries.size >= this.capacity && !this.#entries.has(key)) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, value);
    return value;
  }

  async getOrCompute(key: K, compute: () => V | Promise<V>): Promise<V> {
    const hit = this.#entries.get(key);
    if (hit !== undefined || this.#entries.has(key)) return hit as V;
    return this.set(key, await compute());
  }
}
