/**
 * Type-level view of a loose schema's output without its catch-all index signatures.
 *
 * Valibot types a loose object as `{ ...fields } & { [key: string]: unknown }`. At runtime we do
 * keep unknown keys (nothing is stripped), but in the type the catch-all would let a typo such as
 * `interaction.medai` compile and would make the output differ from the seed type. So the public
 * types are derived through `Known<>`: every object that has named fields loses its
 * `[key: string]: unknown`, while pure records (`media`, `participants`, `flowProperties`), which
 * have no named fields, keep their index signature. Derived, never restated by hand.
 */
type IsIndexKey<K> = string extends K ? true : number extends K ? true : symbol extends K ? true : false;

type WithoutIndex<T> = { [K in keyof T as IsIndexKey<K> extends true ? never : K]: T[K] };

export type Known<T> = unknown extends T
  ? T
  : T extends readonly (infer Item)[]
    ? Known<Item>[]
    : T extends object
      ? [keyof WithoutIndex<T>] extends [never]
        ? { [K in keyof T]: Known<T[K]> }
        : { [K in keyof T as IsIndexKey<K> extends true ? never : K]: Known<T[K]> }
      : T;
