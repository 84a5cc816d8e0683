import type { Resource } from '@medplum/fhirtypes';
import type { Actor } from '../access/actor.ts';
import type { WriteResult } from '../store/store.ts';
import { conditionalCreateFilters } from './conditional.ts';
import type { RecordDeps } from './deps.ts';
import { prepareCreate, prepareDelete, prepareUpdate } from './prepare-write.ts';
import { commitAudited, type PreparedWrite } from './audit-trail.ts';

export async function create(deps: RecordDeps, actor: Actor, resource: Resource, ifNoneExist?: string): Promise<WriteResult> {
  const conditional = ifNoneExist ? conditionalCreateFilters(actor, resource.resourceType, ifNoneExist, deps.searchLimits) : undefined;
  const write = await prepareCreate(deps, actor, { resource, ifNoneExist: conditional }, new Map());
  return commitOne(deps, actor, write);
}

export async function update(deps: RecordDeps, actor: Actor, resourceType: string, id: string, body: Resource, ifMatch?: string): Promise<WriteResult> {
  return commitOne(deps, actor, await prepareUpdate(deps, actor, resourceType, id, body, ifMatch, new Map()));
}

export async function remove(deps: RecordDeps, actor: Actor, resourceType: string, id: string, ifMatch?: string): Promise<WriteResult> {
  return commitOne(deps, actor, await prepareDelete(deps, actor, resourceType, id, ifMatch));
}

async function commitOne(deps: RecordDeps, actor: Actor, write: PreparedWrite): Promise<WriteResult> {
  const [result] = await commitAudited(deps, actor, [write]);
  return result!;
}
