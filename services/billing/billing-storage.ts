import { EntityManager, In } from 'typeorm';
import { InvoiceRow } from './entities/invoice';
import { StatementRow } from './entities/statement';

/**
 * The SQL of statements and invoices. No rules here: the use cases in statements.ts and
 * invoices.ts decide, this reads and writes what they decided.
 */
type Manager = Pick<EntityManager, 'findOne' | 'find' | 'insert' | 'update'>;

/** The newest version of a contract's statement for a month, whatever its status. */
export function latestStatement(db: Manager, contractId: string, month: string): Promise<StatementRow | null> {
  return db.findOne(StatementRow, { where: { contractId, month }, order: { version: 'DESC' } });
}

/** The statement currently issued for a contract's month, or null. */
export function issuedStatement(db: Manager, contractId: string, month: string): Promise<StatementRow | null> {
  return db.findOne(StatementRow, { where: { contractId, month, status: 'ISSUED' }, order: { version: 'DESC' } });
}

export function latestInvoice(db: Manager, contractId: string, month: string): Promise<InvoiceRow | null> {
  return db.findOne(InvoiceRow, { where: { contractId, month }, order: { version: 'DESC' } });
}

export function statementsByIds(db: Manager, ids: string[]): Promise<StatementRow[]> {
  return db.find(StatementRow, { where: { id: In(ids) } });
}

export function invoicesByIds(db: Manager, ids: string[]): Promise<InvoiceRow[]> {
  return db.find(InvoiceRow, { where: { id: In(ids) } });
}

/** Every version of the contracts' statements, newest month first. */
export function statementsOfContracts(db: Manager, contractIds: string[]): Promise<StatementRow[]> {
  return db.find(StatementRow, { where: { contractId: In(contractIds) }, order: { month: 'DESC', version: 'DESC' } });
}

/** Every version of the contracts' invoices, newest month first. */
export function invoicesOfContracts(db: Manager, contractIds: string[]): Promise<InvoiceRow[]> {
  return db.find(InvoiceRow, { where: { contractId: In(contractIds) }, order: { month: 'DESC', version: 'DESC' } });
}

export async function insertStatement(db: Manager, row: StatementRow): Promise<void> {
  await db.insert(StatementRow, row);
}

/** Marks an issued statement superseded; false when it was not ISSUED any more (changed meanwhile). */
export async function supersedeStatement(db: Manager, id: string): Promise<boolean> {
  const res = await db.update(StatementRow, { id, status: 'ISSUED' }, { status: 'SUPERSEDED' });
  return res.affected !== 0;
}

export async function insertInvoice(db: Manager, row: InvoiceRow): Promise<void> {
  await db.insert(InvoiceRow, row);
}

/** Moves an invoice from one status to another; false when it was not in `from` any more. */
export async function moveInvoice(db: Manager, id: string, from: InvoiceRow['status'], changes: Partial<InvoiceRow>): Promise<boolean> {
  const res = await db.update(InvoiceRow, { id, status: from }, changes);
  return res.affected !== 0;
}
