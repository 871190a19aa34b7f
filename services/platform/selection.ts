import { GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

/**
 * True when the field being resolved selects `name` among its own fields, directly or through
 * inline fragments and fragment spreads. A selection under @skip or @include counts as selected
 * (the answer is right either way; only the work saved depends on it). For resolvers whose
 * result is dear to keep for a part of it that the caller may not ask for.
 */
export function selectsField(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, name: string): boolean {
  const seen = new Set<string>();
  const within = (set: SelectionSetNode | undefined): boolean => {
    if (!set) return false;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name) return true;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (within(selection.selectionSet)) return true;
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        if (within(info.fragments[selection.name.value]?.selectionSet)) return true;
      }
    }
    return false;
  };
  return info.fieldNodes.some((node) => within(node.selectionSet));
}
