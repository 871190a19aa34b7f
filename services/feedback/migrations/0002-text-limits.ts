import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Widens the caller-chosen references (survey response, interaction and agent ids, the customer
 * reference) to 200 characters and the complaint category to 200, the lengths TEXT_LIMITS
 * (metrics/bounds.ts) allows for references and names when this was written; the numbers stay
 * written out here because a migration must not change once run. SQLite does not enforce VARCHAR
 * lengths; MySQL/MariaDB in strict mode refuses a longer value, so only they change.
 */
export class FeedbackTextLimits1795564800000 implements MigrationInterface {
  name = 'FeedbackTextLimits1795564800000';

  async up(qr: QueryRunner): Promise<void> {
    if (qr.connection.options.type !== 'mysql') return;
    await qr.query(
      'ALTER TABLE survey_responses MODIFY response_id VARCHAR(200) NOT NULL, MODIFY interaction_ref VARCHAR(200) NULL, MODIFY agent_ref VARCHAR(200) NULL',
    );
    await qr.query('ALTER TABLE complaints MODIFY category VARCHAR(200) NOT NULL, MODIFY customer_ref VARCHAR(200) NOT NULL');
  }

  async down(qr: QueryRunner): Promise<void> {
    if (qr.connection.options.type !== 'mysql') return;
    await qr.query('ALTER TABLE complaints MODIFY category VARCHAR(64) NOT NULL, MODIFY customer_ref VARCHAR(128) NOT NULL');
    await qr.query(
      'ALTER TABLE survey_responses MODIFY response_id VARCHAR(128) NOT NULL, MODIFY interaction_ref VARCHAR(128) NULL, MODIFY agent_ref VARCHAR(128) NULL',
    );
  }
}
