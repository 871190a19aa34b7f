import { Arg, Ctx, Directive, Field, FieldResolver, Float, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { SubgraphContext } from '../../platform/subgraph';
import type { QueueRow } from '../entities/queue';
import type { VolumeShareGroupRow, VolumeShareMemberRow } from '../entities/volume-share';
import { ContractsLoaders, clearLoaders } from '../loaders';
import { allows, contractTarget, volumeShareGroupTarget } from '../access';
import { useCaseContext } from '../context';
import { listVolumeShareGroups, readVolumeShareGroup, setVolumeShareGroup } from '../volume-shares';
import { Organisation, Queue } from './types';

type Context = SubgraphContext<ContractsLoaders>;

@ObjectType({ description: "A queue's share of the volume of its volume share group: all a centre sees of the group" })
export class VolumeShare {
  @Field(() => ID) groupId!: string;
  @Field(() => String) groupName!: string;
  @Field(() => Float, { description: "This queue's share of the group's volume, 0 to 1" }) share!: number;
}

@ObjectType({ description: 'A member queue of a volume share group, with the centre serving it and its share' })
export class VolumeShareMember {
  @Field(() => Queue) queue!: QueueRow;
  @Field(() => Organisation) centre!: Organisation;
  @Field(() => Float) share!: number;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: "Queues of one client's contracts, each served by a different centre on one channel, that share one line of business's volume" })
export class VolumeShareGroup {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => Date) updatedAt!: Date;
}

@InputType()
export class VolumeShareMemberInput {
  @Field(() => ID, { description: 'A queue of an ACTIVE or DRAFT contract of yours' }) queueId!: string;
  @Field(() => Float, { description: 'Share of the volume, more than 0 and at most 1; the shares of a group add up to 1' }) share!: number;
}

@InputType()
export class VolumeShareGroupInput {
  @Field(() => ID, { nullable: true, description: 'The group to replace; a new group when left out' }) id?: string | null;
  @Field(() => String) name!: string;
  @Field(() => [VolumeShareMemberInput], { description: 'At least 2 queues, each served by a different centre' }) members!: VolumeShareMemberInput[];
}

@Resolver()
export class VolumeShareOperations {
  @Query(() => [VolumeShareGroup], { description: "Your organisation's volume share groups (a client's); empty for a centre" })
  volumeShareGroups(@Ctx() ctx: Context): Promise<VolumeShareGroupRow[]> {
    return listVolumeShareGroups(useCaseContext(ctx));
  }

  @Query(() => VolumeShareGroup, { description: 'One of your volume share groups; NOT_FOUND when it does not exist or is not yours' })
  async volumeShareGroup(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<VolumeShareGroupRow> {
    return readVolumeShareGroup(useCaseContext(ctx), id, await ctx.loaders.volumeShareGroup.load(id));
  }

  @Mutation(() => VolumeShareGroup, {
    description:
      'The client groups queues of its contracts (each served by a different centre, one channel) and sets each one\'s share of the volume; with input.id, replaces the name and the whole membership (one transaction)',
  })
  async setVolumeShareGroup(
    @Ctx() ctx: Context,
    @Arg('input', () => VolumeShareGroupInput) input: VolumeShareGroupInput,
    @Arg('reason', () => String, { nullable: true, description: 'Why; kept with the group until the next change' }) reason?: string,
  ): Promise<VolumeShareGroupRow> {
    const members = input.members.map((m) => ({ queueId: m.queueId, share: m.share }));
    const result = await setVolumeShareGroup(useCaseContext(ctx), { id: input.id ?? null, name: input.name, members }, reason ?? null);
    clearLoaders(ctx.loaders);
    return result.group;
  }
}

@Resolver(() => VolumeShareGroup)
export class VolumeShareGroupFieldResolvers {
  @FieldResolver(() => [VolumeShareMember], { description: 'Largest share first' })
  async members(@Root() g: VolumeShareGroupRow, @Ctx() ctx: Context): Promise<VolumeShareMember[]> {
    const rows: VolumeShareMemberRow[] = await ctx.loaders.volumeShareMembers.load(g.id);
    return Promise.all(
      rows.map(async (m) => {
        const queue = await ctx.loaders.queue.load(m.queueId);
        const contract = queue && (await ctx.loaders.contract.load(queue.contractId));
        const centre = contract && (await ctx.loaders.organisation.load(contract.centreId));
        if (!queue || !centre) throw new Error(`member queue ${m.queueId} of group ${g.id} is missing`);
        return { queue, centre, share: m.share };
      }),
    );
  }
}

@Resolver(() => Queue)
export class QueueVolumeShareResolver {
  @FieldResolver(() => VolumeShare, {
    nullable: true,
    description: "This queue's share of its volume share group, for the parties of its contract; null when it is in none. A centre sees only its own share",
  })
  async volumeShare(@Root() q: QueueRow, @Ctx() ctx: Context): Promise<VolumeShare | null> {
    const contract = await ctx.loaders.contract.load(q.contractId);
    if (!allows(ctx, 'contract.read', contractTarget('Queue', q.id, contract))) return null;
    const member = await ctx.loaders.volumeShareByQueue.load(q.id);
    const group = member && (await ctx.loaders.volumeShareGroup.load(member.groupId));
    return member && group ? { groupId: group.id, groupName: group.name, share: member.share } : null;
  }
}

/** Federation entry point: a group resolves only for its client (capacity side by side lives in forecasts). */
export const volumeShareReferenceResolvers = {
  VolumeShareGroup: async (ref: { id: string }, ctx: Context) => {
    const group = await ctx.loaders.volumeShareGroup.load(ref.id);
    return allows(ctx, 'volumeShareGroup.read', volumeShareGroupTarget(ref.id, group)) ? group : null;
  },
};
