import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  ASTVisitor,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  GraphQLError,
  GraphQLField,
  GraphQLInterfaceType,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLSchema,
  isListType,
  isNonNullType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
  valueFromASTUntyped,
} from 'graphql';

/**
 * Query limits: depth, cost, aliases and document size.
 *
 * Depth is a validation rule (it needs no variables). Cost and aliases are checked by an Apollo
 * plugin when the operation is resolved, so the variables are known, and before any resolver,
 * subgraph or SQL statement runs. A query over a limit is refused with code QUERY_TOO_COSTLY
 * (HTTP 400) and a message saying how to ask for less.
 *
 * The cost counts what a query really fetches: the objects (rows) its answer can hold. Every
 * object costs 1 and every entry of a list 1; a scalar field of an object is read with it and
 * costs nothing. Each field's cost is multiplied by the rows of every list above it.
 * - A list's rows are its `first`/`limit` argument (from a literal, a variable or the schema
 *   default), or the number of distinct `ids` asked (the subgraphs answer a repeated id once),
 *   or the number of `representations` of a federated `_entities` call; a list whose length
 *   depends on stored data only counts `defaultListSize` rows (the subgraphs, which see the
 *   real entities in `representations`, price them again).
 * - Every alias is a field of its own and costs again.
 * - A field over a time range (see RANGE_FIELDS) returns one row per bucket of [from, to) at its
 *   granularity: INTERVAL per 15 minutes, HOUR, DAY, WEEK, MONTH. So a queue's INTERVAL series
 *   over a month costs 2,976 points (times the objects of a point), and for 500 queues 500 times
 *   that.
 */
export const QUERY_LIMITS = {
  /** Deepest selection (GATEWAY_MAX_DEPTH). */
  maxDepth: 12,
  /**
   * Most expensive query (GATEWAY_MAX_COST): about 30 INTERVAL series of a month with their sums,
   * or a page of 500 contracts with their queues and targets (about 17,000).
   */
  maxCost: 200_000,
  /** Aliased fields per operation, fragments expanded (GATEWAY_MAX_ALIASES). */
  maxAliases: 50,
  /** Lexical tokens per document (GATEWAY_MAX_TOKENS): parsing stops beyond it. */
  maxTokens: 20_000,
  /** Rows counted for a list whose size the query does not say. */
  defaultListSize: 10,
} as const;

export interface QueryLimits {
  maxCost: number;
  maxAliases: number;
  defaultListSize?: number;
}

export const GRANULARITIES = ['INTERVAL', 'HOUR', 'DAY', 'WEEK', 'MONTH'] as const;
export type PricedGranularity = (typeof GRANULARITIES)[number];

/**
 * The longest span of one bucket, in seconds. A local DAY, WEEK or MONTH bucket may start before
 * `from` (time zones), so those count one bucket more; a month is counted as 28 days, so the
 * count never falls short.
 */
const BUCKET_SECONDS: Record<PricedGranularity, number> = {
  INTERVAL: 15 * 60,
  HOUR: 3600,
  DAY: 86_400,
  WEEK: 7 * 86_400,
  MONTH: 28 * 86_400,
};

/**
 * How a field over [from, to) is priced. `buckets`: its rows are the buckets of the range at
 * `granularity` (a fixed one, or the field's `granularity` argument), and they fill `rowsOf` (a
 * list field of the result, e.g. a series' `points`) or, when `rowsOf` is absent, the field
 * itself; `perRow` multiplies them (rows per bucket); `openRange` is the row count when the query
 * gives no range. `list`: the field returns things overlapping the
 * range, not one row per bucket, and is priced as any other field or list.
 */
export type RangePricing =
  | { rows: 'buckets'; granularity: PricedGranularity | 'argument'; rowsOf?: string; perRow?: number; openRange?: number; note: string }
  | { rows: 'list'; note: string };

/**
 * What one row of a series or interval export weighs: the objects the exchange subgraph fetches
 * for it from performance (a point, its sums, two wait histograms of unknown length and its
 * figures, each with its definition: 1 + 1 + 10 + 10 + 10 × 2), so an export costs what the same
 * series read directly costs (limits.test.ts compares them).
 */
export const EXPORT_ROW_WEIGHT = 1 + 1 + 2 * QUERY_LIMITS.defaultListSize + 2 * QUERY_LIMITS.defaultListSize;

/** The range assumed for a field whose range defaults to stored data (a forecast's horizon). */
const OPEN_RANGE_DAYS = 7;

/**
 * Every field of the supergraph that takes a time range, with how it is priced. limits.test.ts
 * fails when the supergraph gains a field with from/to that is not listed here.
 */
export const RANGE_FIELDS: Record<string, RangePricing> = {
  'Queue.performance': { rows: 'buckets', granularity: 'argument', rowsOf: 'points', note: 'one point per bucket' },
  'Contract.performance': { rows: 'buckets', granularity: 'argument', rowsOf: 'points', note: 'one point per bucket, all queues summed' },
  'Queue.satisfaction': { rows: 'buckets', granularity: 'argument', rowsOf: 'points', note: 'one point per bucket' },
  'Contract.satisfaction': { rows: 'buckets', granularity: 'argument', rowsOf: 'points', note: 'one point per bucket' },
  'Queue.baselineForecast': { rows: 'buckets', granularity: 'INTERVAL', rowsOf: 'points', note: 'one point per quarter hour' },
  'Queue.forecastInForce': { rows: 'buckets', granularity: 'INTERVAL', note: 'one forecast interval per quarter hour' },
  // Without a range, a version's own horizon: its length is stored data, so it counts as a list
  // of unknown length does, here a week (pass from/to to have a longer range priced by its length).
  'Forecast.intervals': {
    rows: 'buckets',
    granularity: 'INTERVAL',
    openRange: OPEN_RANGE_DAYS * 96,
    note: 'one interval per quarter hour; without a range, a week',
  },
  'Forecast.accuracy': { rows: 'buckets', granularity: 'DAY', rowsOf: 'days', openRange: OPEN_RANGE_DAYS, note: 'one row per day; without a range, a week' },
  // A target's own window (INTERVAL … MONTH) is known only once the contract is read; windows are
  // priced per day, and the performance subgraph caps a request's windows.
  'SlaTarget.compliance': { rows: 'buckets', granularity: 'DAY', rowsOf: 'windows', note: 'one window per day' },
  // A page of agents (its `first`), each with one point per bucket.
  'Queue.agentPerformance': { rows: 'buckets', granularity: 'argument', rowsOf: 'points', note: 'first agents, one point per bucket each' },
  'Contract.capacity': { rows: 'buckets', granularity: 'WEEK', perRow: QUERY_LIMITS.defaultListSize, note: 'one row per week and queue' },
  'VolumeShareGroup.capacity': { rows: 'buckets', granularity: 'WEEK', perRow: QUERY_LIMITS.defaultListSize, note: 'one row per week and member' },
  'Queue.forecasts': { rows: 'list', note: 'forecast versions overlapping the range' },
  'Queue.volumeDrivers': { rows: 'list', note: 'volume drivers overlapping the range' },
  'Contract.volumeDrivers': { rows: 'list', note: 'volume drivers overlapping the range' },
  'Contract.complaintStats': { rows: 'list', note: 'one aggregate of the range' },
  'Queue.quality': { rows: 'buckets', granularity: 'argument', rowsOf: 'points', note: 'one point per bucket' },
  'Contract.quality': { rows: 'buckets', granularity: 'argument', rowsOf: 'points', note: 'one point per bucket, all queues together' },
  'Queue.qualityByAgent': { rows: 'list', note: 'one row per agent evaluated in the range (first)' },
  'Contract.qualityByAgent': { rows: 'list', note: 'one row per agent evaluated in the range (first)' },
  'Contract.qualityByEvaluator': { rows: 'list', note: 'one row per evaluator in the range (first)' },
  'Contract.evaluations': { rows: 'list', note: 'evaluations of interactions in the range (first)' },
  'Contract.evaluatorDrift': { rows: 'list', note: 'evaluators of the calibration sessions closed in the range' },
  // Exports (exchange subgraph): one file, as costly as the series or list it is written from. A
  // series or interval row is priced as the objects fetched for it (EXPORT_ROW_WEIGHT), so a query
  // holds one month of quarter-hour files, not thirty.
  'Query.exportQueueSeries': { rows: 'buckets', granularity: 'argument', perRow: EXPORT_ROW_WEIGHT, note: 'one CSV row per bucket (a point, its sums, histograms and figures)' },
  'Query.exportContractSeries': { rows: 'buckets', granularity: 'argument', perRow: EXPORT_ROW_WEIGHT, note: 'one CSV row per bucket (a point, its sums, histograms and figures)' },
  'Query.exportIntervals': { rows: 'buckets', granularity: 'INTERVAL', perRow: EXPORT_ROW_WEIGHT, note: 'one CSV row per quarter hour (its sums and histograms)' },
  'Query.exportSlaCompliance': { rows: 'buckets', granularity: 'DAY', perRow: QUERY_LIMITS.defaultListSize, note: 'one CSV row per window and target' },
  'Query.exportCapacity': { rows: 'buckets', granularity: 'WEEK', perRow: QUERY_LIMITS.defaultListSize, note: 'one CSV row per week and queue' },
};

/** Arguments that say how many rows a list holds. */
const PAGE_SIZE_ARGUMENTS = ['first', 'limit'];

function fieldsOf(type: GraphQLNamedType | undefined): Record<string, GraphQLField<unknown, unknown>> {
  if (type instanceof GraphQLObjectType || type instanceof GraphQLInterfaceType) return type.getFields();
  return {};
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

function epochSeconds(value: unknown): number | null {
  if (typeof value !== 'string' && !(value instanceof Date)) return null;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isFinite(ms) ? ms / 1000 : null;
}

/**
 * Buckets of [from, to) at a granularity. A range the subgraph will refuse (missing, malformed,
 * empty) is answered without reading anything and counts one bucket.
 */
export function bucketCount(from: unknown, to: unknown, granularity: PricedGranularity): number {
  const start = epochSeconds(from);
  const end = epochSeconds(to);
  if (start === null || end === null || !(end > start)) return 1;
  const buckets = Math.ceil((end - start) / BUCKET_SECONDS[granularity]);
  return granularity === 'INTERVAL' ? buckets : buckets + 1;
}

type Args = Record<string, unknown>;

interface Measure {
  cost: number;
  aliases: number;
}

class Pricer {
  private readonly memo = new Map<string, Measure>();
  private readonly active = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
    private readonly defaultListSize: number,
  ) {}

  private args(field: FieldNode, def: GraphQLField<unknown, unknown> | undefined): Args {
    const args: Args = {};
    for (const a of def?.args ?? []) if (a.defaultValue !== undefined) args[a.name] = a.defaultValue;
    for (const node of field.arguments ?? []) {
      const value = valueFromASTUntyped(node.value, this.variables);
      // A variable the request leaves out keeps the argument's default.
      if (value !== undefined) args[node.name.value] = value;
    }
    return args;
  }

  private included(field: FieldNode): boolean {
    for (const d of field.directives ?? []) {
      const condition = d.arguments?.find((a) => a.name.value === 'if');
      if (!condition) continue;
      const value = valueFromASTUntyped(condition.value, this.variables);
      if (d.name.value === 'skip' && value === true) return false;
      if (d.name.value === 'include' && value === false) return false;
    }
    return true;
  }

  /** Rows of a list field from its arguments. */
  private listRows(args: Args): number {
    for (const name of PAGE_SIZE_ARGUMENTS) {
      const size = args[name];
      if (typeof size === 'number' && Number.isFinite(size)) return Math.max(1, Math.ceil(size));
    }
    if ('ids' in args) return Array.isArray(args.ids) ? Math.max(1, new Set(args.ids.map((id) => JSON.stringify(id))).size) : 1;
    // Each representation is answered in full, even a repeated one.
    if ('representations' in args) return Array.isArray(args.representations) ? Math.max(1, args.representations.length) : 1;
    return this.defaultListSize;
  }

  private rangeRows(pricing: Extract<RangePricing, { rows: 'buckets' }>, args: Args): number {
    const granularity =
      pricing.granularity === 'argument'
        ? (GRANULARITIES as readonly string[]).includes(String(args.granularity))
          ? (String(args.granularity) as PricedGranularity)
          : 'INTERVAL'
        : pricing.granularity;
    const open = args.from === undefined || args.from === null || args.to === undefined || args.to === null;
    const buckets = open && pricing.openRange !== undefined ? pricing.openRange : bucketCount(args.from, args.to, granularity);
    return buckets * (pricing.perRow ?? 1);
  }

  measure(set: SelectionSetNode | undefined, parent: GraphQLNamedType | undefined, rowsOf?: Record<string, number>): Measure {
    const total: Measure = { cost: 0, aliases: 0 };
    if (!set) return total;
    for (const sel of set.selections) {
      let part: Measure;
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__') || !this.included(sel)) continue;
        part = this.field(sel, parent, rowsOf);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? this.schema.getType(sel.typeCondition.name.value) ?? parent : parent;
        part = this.measure(sel.selectionSet, type, rowsOf);
      } else {
        part = this.spread(sel.name.value, parent, rowsOf);
      }
      total.cost += part.cost;
      total.aliases += part.aliases;
    }
    return total;
  }

  /** A fragment is priced once per place it can take (its rows hint), however often it is spread. */
  private spread(name: string, parent: GraphQLNamedType | undefined, rowsOf?: Record<string, number>): Measure {
    const fragment = this.fragments[name];
    if (!fragment) return { cost: 0, aliases: 0 };
    const key = `${name}|${rowsOf ? JSON.stringify(rowsOf) : ''}`;
    const known = this.memo.get(key);
    if (known) return known;
    // Validation refuses fragment cycles; this only keeps a broken document from looping.
    if (this.active.has(key)) return { cost: 0, aliases: 0 };
    this.active.add(key);
    const type = this.schema.getType(fragment.typeCondition.name.value) ?? parent;
    const result = this.measure(fragment.selectionSet, type, rowsOf);
    this.active.delete(key);
    this.memo.set(key, result);
    return result;
  }

  private field(node: FieldNode, parent: GraphQLNamedType | undefined, rowsOf?: Record<string, number>): Measure {
    const name = node.name.value;
    const def = fieldsOf(parent)[name];
    const args = this.args(node, def);
    const pricing = parent ? RANGE_FIELDS[`${parent.name}.${name}`] : undefined;
    let rows = 1;
    let childRows: Record<string, number> | undefined;
    if (rowsOf?.[name] !== undefined) {
      rows = rowsOf[name];
    } else if (pricing?.rows === 'buckets') {
      const rangeRows = this.rangeRows(pricing, args);
      if (pricing.rowsOf) {
        childRows = { [pricing.rowsOf]: rangeRows };
        // A list of series (a page of agents) holds its page size of them, each with its buckets.
        if (def && isList(def.type)) rows = this.listRows(args);
      } else rows = rangeRows;
    } else if (def && isList(def.type)) {
      rows = this.listRows(args);
    }
    const aliases = node.alias ? 1 : 0;
    // A scalar is read with the object that holds it.
    if (!node.selectionSet && !(def && isList(def.type))) return { cost: 0, aliases };
    const children = this.measure(node.selectionSet, def ? getNamedType(def.type) : undefined, childRows);
    return { cost: rows * (1 + children.cost), aliases: aliases + children.aliases };
  }
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  return fragments;
}

function rootType(schema: GraphQLSchema, operation: OperationDefinitionNode): GraphQLObjectType | undefined {
  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  return root ?? undefined;
}

/** The cost and alias count of one operation of a document, with the request's variables. */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
  defaultListSize: number = QUERY_LIMITS.defaultListSize,
): Measure {
  const pricer = new Pricer(schema, fragmentsOf(document), variables ?? {}, defaultListSize);
  return pricer.measure(operation.selectionSet, rootType(schema, operation));
}

/** The error for a query over the cost or alias limit, saying how to ask for less. */
export function tooCostly(measured: Measure, limits: QueryLimits): GraphQLError | null {
  if (measured.aliases > limits.maxAliases) {
    return new GraphQLError(
      `the query uses ${measured.aliases} aliases; at most ${limits.maxAliases} are allowed per request. Ask for the fields once, or send several requests`,
      { extensions: { code: 'QUERY_TOO_COSTLY', aliases: measured.aliases, maxAliases: limits.maxAliases, http: { status: 400 } } },
    );
  }
  if (measured.cost > limits.maxCost) {
    return new GraphQLError(
      `query cost ${measured.cost} exceeds the limit of ${limits.maxCost}. Ask for less: a coarser granularity or a shorter from/to range for series, fewer ids, a smaller first, fewer aliases or fields`,
      { extensions: { code: 'QUERY_TOO_COSTLY', cost: measured.cost, maxCost: limits.maxCost, http: { status: 400 } } },
    );
  }
  return null;
}

/**
 * Refuses, before execution, an operation over the cost or alias limit. It runs when the
 * operation is resolved: the document is valid and the variables are known.
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const measured = measureOperation(schema, document, operation, request.variables ?? {}, limits.defaultListSize);
          const error = tooCostly(measured, limits);
          if (error) throw error;
        },
      };
    },
  };
}

/** Depth of a selection set; each fragment is measured once, however often it is spread. */
function depthOf(
  set: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  memo: Map<string, number>,
  active: Set<string>,
): number {
  if (!set) return 0;
  let deepest = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__')) continue;
      deepest = Math.max(deepest, 1 + depthOf(sel.selectionSet, fragments, memo, active));
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(sel.selectionSet, fragments, memo, active));
    } else {
      const name = sel.name.value;
      const fragment = fragments[name];
      if (!fragment || active.has(name)) continue;
      let depth = memo.get(name);
      if (depth === undefined) {
        active.add(name);
        depth = depthOf(fragment.selectionSet, fragments, memo, active);
        active.delete(name);
        memo.set(name, depth);
      }
      deepest = Math.max(deepest, depth);
    }
  }
  return deepest;
}

/**
 * Query depth, as a validation rule: an abusive query is refused before anything runs.
 * Introspection fields are not counted. Apollo Server reports it with code
 * GRAPHQL_VALIDATION_FAILED; the limit is in the message and in extensions (depth/maxDepth).
 */
export function depthLimit(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(context.getDocument());
    const memo = new Map<string, number>();
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, fragments, memo, new Set());
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`query depth ${depth} exceeds the limit of ${maxDepth}`, { extensions: { code: 'QUERY_TOO_DEEP', depth, maxDepth } }),
          );
        }
      },
    };
  };
}
