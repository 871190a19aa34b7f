import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { longTextType } from '../../platform/database';

const epoch = (name: string, isNullable = false) => ({ name, type: 'bigint', isNullable });
const id = (name: string, isPrimary = false) => ({ name, type: 'varchar', length: '64', isPrimary });
// Caller-chosen references: 200 characters, TEXT_LIMITS.reference when this was written (a
// migration must not change once run, so the number is written out).
const ref = (name: string, isPrimary = false) => ({ name, type: 'varchar', length: '200', isPrimary });
const party = (isPrimary = false) => ({ name: 'evaluator_party', type: 'varchar', length: '8', isPrimary });
const real = (name: string, isNullable = false) => ({ name, type: 'double', isNullable });

export class QualityInitial1795651200000 implements MigrationInterface {
  name = 'QualityInitial1795651200000';

  async up(qr: QueryRunner): Promise<void> {
    const long = longTextType(qr);
    await qr.createTable(
      new Table({
        name: 'quality_scorecards',
        columns: [id('id', true), id('contract_id'), id('client_id'), id('centre_id'), epoch('created_epoch')],
        indices: [new TableIndex({ name: 'ix_quality_scorecards_contract', columnNames: ['contract_id'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'quality_scorecard_versions',
        columns: [
          id('scorecard_id', true),
          { name: 'version', type: 'int', isPrimary: true },
          epoch('effective_from_epoch'),
          { name: 'name', type: 'varchar', length: '200' },
          real('pass_mark'),
          { name: 'sections', type: long },
          epoch('created_epoch'),
          { name: 'created_by', type: 'varchar', length: '200' },
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'quality_evaluations',
        columns: [
          id('scorecard_id', true),
          party(true),
          ref('evaluator_ref', true),
          ref('interaction_ref', true),
          id('contract_id'),
          { name: 'version', type: 'int' },
          id('queue_id'),
          epoch('interaction_epoch'),
          { name: 'channel', type: 'varchar', length: '16' },
          ref('agent_ref'),
          real('score'),
          real('raw_score'),
          { name: 'critical_fail', type: 'int' },
          { name: 'passed', type: 'int' },
          { name: 'answers', type: long },
          { name: 'comment', type: 'text', isNullable: true },
          epoch('uploaded_epoch'),
          { name: 'uploaded_by', type: 'varchar', length: '200' },
        ],
        // The quality figures: per contract and per queue over a time range (per agent and per
        // evaluator are GROUP BYs over the same ranges).
        indices: [
          new TableIndex({ name: 'ix_quality_eval_contract_time', columnNames: ['contract_id', 'interaction_epoch'] }),
          new TableIndex({ name: 'ix_quality_eval_queue_time', columnNames: ['queue_id', 'interaction_epoch'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'quality_calibration_sessions',
        columns: [
          id('id', true),
          id('scorecard_id'),
          id('contract_id'),
          id('client_id'),
          id('centre_id'),
          { name: 'version', type: 'int' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'status', type: 'varchar', length: '8' },
          { name: 'scores_revision', type: 'int' },
          { name: 'interactions', type: long },
          epoch('opened_epoch'),
          id('opened_by_org'),
          epoch('closed_epoch', true),
          { name: 'results', type: long, isNullable: true },
        ],
        indices: [new TableIndex({ name: 'ix_quality_sessions_contract', columnNames: ['contract_id', 'opened_epoch'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'quality_calibration_scores',
        columns: [
          id('session_id', true),
          party(true),
          ref('evaluator_ref', true),
          ref('interaction_ref', true),
          real('score'),
          { name: 'critical_fail', type: 'int' },
          { name: 'answers', type: long },
          { name: 'comment', type: 'text', isNullable: true },
          epoch('uploaded_epoch'),
          { name: 'uploaded_by', type: 'varchar', length: '200' },
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'quality_calibration_evaluators',
        columns: [
          id('session_id', true),
          party(true),
          ref('evaluator_ref', true),
          id('contract_id'),
          id('scorecard_id'),
          epoch('closed_epoch'),
          { name: 'interactions', type: 'int' },
          real('mean_score'),
          real('from_consensus', true),
          real('from_consensus_low', true),
          real('from_consensus_high', true),
          real('from_baseline', true),
          real('from_baseline_low', true),
          real('from_baseline_high', true),
        ],
        // Drift: an evaluator's sessions of a contract in order of closing.
        indices: [new TableIndex({ name: 'ix_quality_calibration_drift', columnNames: ['contract_id', 'closed_epoch'] })],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const table of ['quality_calibration_evaluators', 'quality_calibration_scores', 'quality_calibration_sessions', 'quality_evaluations', 'quality_scorecard_versions', 'quality_scorecards']) {
      await qr.dropTable(table);
    }
  }
}
