/** The part of `storage.local` the settings use. */
export interface StorageLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const STORAGE_KEY = 'overlayOrigins';

/**
 * The origins the overlay is switched on for (off by default everywhere), kept in
 * `storage.local` so the choice outlives the browser session and the service worker.
 */
export class OverlaySettings {
  private origins: Promise<Set<string>> | undefined;

  constructor(private readonly storage: StorageLike) {}

  async isOn(origin: string): Promise<boolean> {
    return (await this.load()).has(origin);
  }

  async set(origin: string, on: boolean): Promise<void> {
    const origins = await this.load();
    if (on) origins.add(origin);
    else origins.delete(origin);
    await this.storage.set({ [STORAGE_KEY]: [...origins] });
  }

  private load(): Promise<Set<string>> {
    this.origins ??= this.storage.get(STORAGE_KEY).then((stored) => {
      const list = stored[STORAGE_KEY];
      return new Set(Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []);
    });
    return this.origins;
  }
}
