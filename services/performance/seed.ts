import { DataSource } from 'typeorm';

/** Demo actuals: filled in once the generator lands. */
export async function seedPerformance(_db: DataSource): Promise<void> {}
