import type { SearchRequest, WithId } from '@medplum/core';
import type { OperationOutcome, Resource, Subscription } from '@medplum/fhirtypes';
import type { CreateResourceOptions } from '@medplum/fhir-router';
import { resolveConditionalReferences } from './conditional-references';
import { core, engine } from './medplum';
import { errorOutcome } from './outcomes';
import { isServedResourceType } from './resource-types';
import { takeSnapshot } from './snapshot';
import { admitSubscription } from './subscription-rules';

export type ChangeListener = (resource: WithId<Resource>) => void;

/**
 * Medplum's memory repository with what a record server needs on top: all-or-nothing transactions,
 * conditional references resolved on write, Subscription checks, and change events after commit.
 */
export class RecordRepository extends engine.MemoryRepository {
  private readonly listeners = new Set<ChangeListener>();
  /** Changes made inside the running transaction, announced only if it commits. */
  private uncommitted: WithId<Resource>[] | undefined;

  /** @returns A function that removes the listener. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // Every write (create, update, patch, conditional update) reaches the store through here.
  override async createResource<T extends Resource>(
    resource: T,
    options?: CreateResourceOptions,
    update = false,
  ): Promise<WithId<T>> {
    const stored = await super.createResource(await this.admit(resource), options, update);
    this.changed(stored);
    return stored;
  }

  // Medplum's conditional create stores through a private path that bypasses createResource.
  override async conditionalCreate<T extends Resource>(
    resource: T,
    search: SearchRequest<T>,
    options?: CreateResourceOptions,
  ): Promise<{ resource: WithId<T>; outcome: OperationOutcome }> {
    const result = await super.conditionalCreate(await this.admit(resource), search, options);
    if (result.outcome.id === core.created.id) this.changed(result.resource);
    return result;
  }

  override async withTransaction<TResult>(
    callback: (repo: this) => Promise<TResult>,
  ): Promise<TResult> {
    if (this.uncommitted) return callback(this);
    const rollback = takeSnapshot(this);
    this.uncommitted = [];
    try {
      const result = await callback(this);
      const committed = this.uncommitted;
      this.uncommitted = undefined;
      for (const resource of committed) this.announce(resource);
      return result;
    } catch (err) {
      this.uncommitted = undefined;
      rollback();
      throw err;
    }
  }

  private async admit<T extends Resource>(resource: T): Promise<T> {
    if (!isServedResourceType(resource.resourceType)) {
      throw new core.OperationOutcomeError(
        errorOutcome(404, `Resource type not served: ${resource.resourceType}`),
      );
    }
    const checked =
      resource.resourceType === 'Subscription'
        ? (admitSubscription(resource as Subscription) as T)
        : resource;
    return resolveConditionalReferences(checked, this);
  }

  private changed(resource: WithId<Resource>): void {
    if (this.uncommitted) this.uncommitted.push(resource);
    else this.announce(resource);
  }

  private announce(resource: WithId<Resource>): void {
    for (const listener of this.listeners) listener(resource);
  }
}
