/** An object usable as a type-graphql enum from a list of string literals: { A: 'A', B: 'B' }. */
export function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}
