import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { Viewer } from '../platform/auth';

export type IdKind = 'contract' | 'queue' | 'slaTarget' | 'tender' | 'bid';

/**
 * What every contracts use case runs with: the caller, where to read and write, and the
 * request's instant. Built here only: from a request (`useCaseContext`), for the demo seed
 * (`contextFor`), or inside an open transaction (`inTransaction`).
 */
export interface UseCaseContext {
  viewer: Viewer;
  /** A data source, or the manager of a transaction already open (an award creates a contract inside its own). */
  db: DataSource | EntityManager;
  /** The request's instant: every time a use case records or compares with is this one. */
  now: Date;
  /** Id factory; the demo seed passes one for stable, readable ids. */
  newId?: (kind: IdKind) => string;
}

/** The use-case context of one request, from what the subgraph built for it. */
export function useCaseContext(request: { viewer: Viewer; db: DataSource; now: Date }): UseCaseContext {
  return { viewer: request.viewer, db: request.db, now: request.now };
}

/** A context acting for `viewer` at `now` outside a request (the demo seed). */
export function contextFor(db: DataSource, viewer: Viewer, now: Date, newId?: (kind: IdKind) => string): UseCaseContext {
  return { viewer, db, now, newId };
}

/** The same request working inside the transaction `tx`, optionally acting with another viewer. */
export function inTransaction(ctx: UseCaseContext, tx: EntityManager, viewer: Viewer = ctx.viewer): UseCaseContext {
  return { ...ctx, viewer, db: tx };
}

/** The entity manager to work with: inside a caller's transaction when there is one. */
export function managerOf(ctx: Pick<UseCaseContext, 'db'>): EntityManager {
  return ctx.db instanceof DataSource ? ctx.db.manager : ctx.db;
}

export function newId(ctx: UseCaseContext, kind: IdKind): string {
  return ctx.newId?.(kind) ?? randomUUID();
}
