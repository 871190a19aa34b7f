import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A volume share group: queues of one client's contracts, each served by a different centre on the
 * same channel, that handle one line of business. The client sets each member's share of the volume.
 */
@Entity('volume_share_groups')
export class VolumeShareGroupRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'client_id', type: 'varchar', length: 64 })
  clientId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** The reason given with the last change (no history beyond updatedAt). */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  reason!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

/** A member queue of a group with its share of the group's volume; the queue is the key: one group per queue. */
@Entity('volume_share_members')
export class VolumeShareMemberRow {
  @PrimaryColumn({ name: 'queue_id', type: 'varchar', length: 64 })
  queueId!: string;

  @Column({ name: 'group_id', type: 'varchar', length: 64 })
  groupId!: string;

  @Column({ type: 'double' })
  share!: number;
}
