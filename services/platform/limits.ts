import {
  ASTVisitor,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  GraphQLError,
  GraphQLField,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLInterfaceType,
  isListType,
  isNonNullType,
  GraphQLOutputType,
  Kind,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
} from 'graphql';

/**
 * Query depth and cost limits. They run as validation rules, so an abusive query is refused
 * before any resolver or subgraph is called. Introspection fields are not counted. Apollo
 * Server reports every validation error with code GRAPHQL_VALIDATION_FAILED; the limit hit is
 * in the message and in extensions (depth/maxDepth, cost/maxCost).
 */

function fieldsOf(type: GraphQLNamedType | undefined): Record<string, GraphQLField<unknown, unknown>> {
  if (type instanceof GraphQLObjectType || type instanceof GraphQLInterfaceType) return type.getFields();
  return {};
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

interface Walker {
  fragments: Record<string, FragmentDefinitionNode>;
  context: ValidationContext;
}

function selectionDepth(w: Walker, set: SelectionSetNode | undefined, seen: Set<string>): number {
  if (!set) return 0;
  let deepest = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__')) continue;
      deepest = Math.max(deepest, 1 + selectionDepth(w, sel.selectionSet, seen));
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(w, sel.selectionSet, seen));
    } else {
      const name = sel.name.value;
      if (seen.has(name)) continue;
      const fragment = w.fragments[name];
      if (!fragment) continue;
      deepest = Math.max(deepest, selectionDepth(w, fragment.selectionSet, new Set([...seen, name])));
    }
  }
  return deepest;
}

function listSize(field: FieldNode, defaultListSize: number): number {
  for (const arg of field.arguments ?? []) {
    if ((arg.name.value === 'first' || arg.name.value === 'limit') && arg.value.kind === Kind.INT) {
      return Math.max(1, Number(arg.value.value));
    }
  }
  return defaultListSize;
}

function selectionCost(
  w: Walker,
  set: SelectionSetNode | undefined,
  parent: GraphQLNamedType | undefined,
  defaultListSize: number,
  seen: Set<string>,
): number {
  if (!set) return 0;
  const schema = w.context.getSchema();
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__')) continue;
      const def = fieldsOf(parent)[sel.name.value];
      const factor = def && isList(def.type) ? listSize(sel, defaultListSize) : 1;
      const childType = def ? getNamedType(def.type) : undefined;
      total += factor * (1 + selectionCost(w, sel.selectionSet, childType, defaultListSize, seen));
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const cond = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) ?? parent : parent;
      total += selectionCost(w, sel.selectionSet, cond, defaultListSize, seen);
    } else {
      const name = sel.name.value;
      const fragment = w.fragments[name];
      if (!fragment || seen.has(name)) continue;
      const cond = schema.getType(fragment.typeCondition.name.value) ?? parent;
      total += selectionCost(w, fragment.selectionSet, cond, defaultListSize, new Set([...seen, name]));
    }
  }
  return total;
}

function operationRule(check: (w: Walker, root: GraphQLNamedType | undefined, set: SelectionSetNode) => GraphQLError | null): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
    }
    return {
      OperationDefinition(node) {
        const schema = context.getSchema();
        const root =
          node.operation === 'query' ? schema.getQueryType() : node.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
        const error = check({ fragments, context }, root ?? undefined, node.selectionSet);
        if (error) context.reportError(error);
      },
    };
  };
}

export function depthLimit(maxDepth: number): ValidationRule {
  return operationRule((w, _root, set) => {
    const depth = selectionDepth(w, set, new Set());
    return depth > maxDepth
      ? new GraphQLError(`query depth ${depth} exceeds the limit of ${maxDepth}`, {
          extensions: { code: 'QUERY_TOO_DEEP', depth, maxDepth },
        })
      : null;
  });
}

/**
 * Cost: every field costs 1, multiplied by the sizes of the lists above it (a list's size is
 * its `first`/`limit` argument when given as a literal, otherwise `defaultListSize`).
 */
export function costLimit(maxCost: number, defaultListSize = 10): ValidationRule {
  return operationRule((w, root, set) => {
    const cost = selectionCost(w, set, root, defaultListSize, new Set());
    return cost > maxCost
      ? new GraphQLError(`query cost ${cost} exceeds the limit of ${maxCost}; ask for fewer fields or smaller pages`, {
          extensions: { code: 'QUERY_TOO_COSTLY', cost, maxCost },
        })
      : null;
  });
}
